import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Synchronization
import Testing

@testable import MotCuaServer

/// A clock the test moves by hand.
final class FakeClock: Sendable {
    private let current: Mutex<Date>

    init(_ date: Date) { current = Mutex(date) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// The broadcast worker against a real SQLite file and the mock platforms, driven one round at a
/// time with a fake clock.
final class BroadcastWorkerHarness: @unchecked Sendable {
    // @unchecked: one test uses a harness from one task at a time.
    let folder: URL
    let store: SQLiteStore
    let mock = MockZaloAPI()
    let client: HTTPClient
    let clock: FakeClock
    let deliverer: BroadcastDeliverer

    /// 2026-03-01 at `hour`:00 in Vietnam (UTC+7).
    static func vietnam(_ hour: Int) -> Date { Date(timeIntervalSince1970: 1_772_298_000 + Double(hour * 3600)) }

    init(at date: Date, settings: BroadcastSettings = BroadcastSettings()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bw-\(UUID().uuidString)")
        store = try SQLiteStore(path: folder.appendingPathComponent("motcua.sqlite").path)
        try mock.start()
        client = try HTTPClient(configuration: .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5))
        clock = FakeClock(date)
        let channels = ChannelSettings(
            zalo: ZaloSettings(
                appID: "A", oaID: "O", signatureSecret: "S", apiBase: mock.baseURL, accessToken: "TOKEN_TEST"),
            telegram: TelegramSettings(token: ServiceHarness.telegramToken, secretToken: "T", apiBase: mock.baseURL),
            messenger: MessengerSettings(
                appSecret: "M", verifyToken: "V", pageToken: "P", apiBase: mock.baseURL))
        let clock = self.clock
        deliverer = BroadcastDeliverer(
            store: store, client: client, channels: channels, zaloTokens: nil, settings: settings,
            logger: Logger(label: "test", sink: LogSink.memory()), clock: { clock.now })
    }

    deinit {
        mock.stop()
        client.shutdown()
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Subscribes a citizen and stores a processed message from them at `lastMessage`.
    func subscribe(_ channel: ChannelKind, _ userID: String, commune: String = "Xã Bình Hòa", lastMessage: Date?) throws
    {
        let id = ConversationID(channel: channel, userID: userID)
        try store.importSubscriptions([
            Subscription(conversationID: id, commune: commune, topics: ["y-te"], createdAt: clock.now)
        ])
        if let lastMessage { try write(from: id, at: lastMessage) }
    }

    func write(from id: ConversationID, at date: Date) throws {
        let event = InboundEvent(
            channel: id.channel, eventID: UUID().uuidString, userID: id.userID, timestampMillis: 0,
            content: .text("chào"))
        _ = try store.insertInbound(event, receivedAt: date)
        for pending in try store.pendingInbound(limit: 10) { try store.markProcessed(eventSequence: pending.sequence) }
    }

    func create(emergency: Bool = false, expiresAt: Date? = nil) throws -> Int64 {
        try store.createBroadcast(
            Broadcast(
                id: 0, text: "{xa} tiêm chủng ngày {ngay}", audience: BroadcastAudience(), expiresAt: expiresAt,
                emergency: emergency, createdBy: "cb-a", approvedBy: "cb-b", state: .scheduled, createdAt: clock.now))
    }

    func counts(_ id: Int64) throws -> RecipientCounts { try store.recipientCounts(broadcastID: id, now: clock.now) }
}

@Suite(.serialized)
struct BroadcastDelivererTests {
    @Test func quietHoursHoldUntilSix() throws {
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(22))
        try harness.subscribe(.telegram, "1", lastMessage: nil)
        let id = try harness.create()

        harness.deliverer.runRound()
        #expect(try harness.store.broadcast(id: id)?.state == .scheduled)
        #expect(harness.mock.messages.isEmpty)

        harness.clock.set(BroadcastWorkerHarness.vietnam(30))
        harness.deliverer.runRound()
        #expect(try harness.store.broadcast(id: id)?.state == .completed)
        #expect(harness.mock.messages.map(\.text) == ["Xã Bình Hòa tiêm chủng ngày 02/03/2026"])
    }

    @Test func emergencyIgnoresQuietHours() throws {
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(23))
        try harness.subscribe(.telegram, "1", lastMessage: nil)
        let id = try harness.create(emergency: true)

        harness.deliverer.runRound()
        #expect(try harness.counts(id)[.sent] == 1)
        #expect(harness.mock.messages.count == 1)
    }

    @Test func windowsDecidePerChannel() throws {
        let now = BroadcastWorkerHarness.vietnam(10)
        let harness = try BroadcastWorkerHarness(at: now)
        try harness.subscribe(.zalo, "z-recent", lastMessage: now.addingTimeInterval(-86_400))
        try harness.subscribe(.zalo, "z-old", lastMessage: now.addingTimeInterval(-8 * 86_400))
        try harness.subscribe(.messenger, "m-old", lastMessage: now.addingTimeInterval(-2 * 86_400))
        try harness.subscribe(.telegram, "t-never-wrote", lastMessage: nil)
        let id = try harness.create()

        harness.deliverer.runRound()
        let counts = try harness.counts(id)
        #expect(counts[.sent] == 2)
        #expect(counts[.waiting] == 2)
        #expect(Set(harness.mock.messages.map(\.recipient)) == ["z-recent", "t-never-wrote"])
        let waiting = try harness.store.recipients(broadcastID: id, state: .waiting, limit: 10)
        #expect(Set(waiting.map(\.conversationID.userID)) == ["z-old", "m-old"])
        // Sending is done, so the broadcast completes; waiting recipients still get it later.
        #expect(try harness.store.broadcast(id: id)?.state == .completed)
    }

    @Test func waitingSentAfterNextMessage() throws {
        let now = BroadcastWorkerHarness.vietnam(10)
        let harness = try BroadcastWorkerHarness(at: now)
        try harness.subscribe(.zalo, "z-old", lastMessage: now.addingTimeInterval(-8 * 86_400))
        let id = try harness.create(expiresAt: now.addingTimeInterval(3 * 86_400))
        harness.deliverer.runRound()
        #expect(try harness.counts(id)[.waiting] == 1)
        #expect(harness.mock.messages.isEmpty)

        harness.clock.set(now.addingTimeInterval(86_400))
        try harness.write(from: ConversationID(channel: .zalo, userID: "z-old"), at: harness.clock.now)
        harness.deliverer.runRound()
        harness.deliverer.runRound()
        #expect(try harness.counts(id)[.sent] == 1)
        #expect(harness.mock.messages.map(\.recipient) == ["z-old"])
    }

    @Test func waitingExpiresUnsent() throws {
        let now = BroadcastWorkerHarness.vietnam(10)
        let harness = try BroadcastWorkerHarness(at: now)
        try harness.subscribe(.messenger, "m-old", lastMessage: now.addingTimeInterval(-2 * 86_400))
        let id = try harness.create(expiresAt: now.addingTimeInterval(3_600))
        harness.deliverer.runRound()

        harness.clock.set(now.addingTimeInterval(7_200))
        try harness.write(from: ConversationID(channel: .messenger, userID: "m-old"), at: harness.clock.now)
        harness.deliverer.runRound()
        harness.deliverer.runRound()
        #expect(try harness.counts(id).reasons == ["expired": 1])
        #expect(harness.mock.messages.isEmpty)
    }

    @Test func pauseAndResume() throws {
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(10))
        try harness.subscribe(.telegram, "1", lastMessage: nil)
        let id = try harness.create()
        #expect(
            try harness.store.updateBroadcastState(
                id: id, from: .scheduled, to: .paused, approvedBy: nil, now: harness.clock.now))

        harness.deliverer.runRound()
        #expect(harness.mock.messages.isEmpty)

        #expect(
            try harness.store.updateBroadcastState(
                id: id, from: .paused, to: .scheduled, approvedBy: nil, now: harness.clock.now))
        harness.deliverer.runRound()
        #expect(harness.mock.messages.count == 1)
    }

    @Test func cancelStopsSending() throws {
        var settings = BroadcastSettings()
        settings.batchSize = 2
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(10), settings: settings)
        for index in 0..<5 { try harness.subscribe(.telegram, "\(index)", lastMessage: nil) }
        let id = try harness.create()

        harness.deliverer.runRound()
        #expect(harness.mock.messages.count == 2)
        #expect(try harness.store.cancelBroadcast(id: id, from: .running, now: harness.clock.now))
        harness.deliverer.runRound()
        #expect(harness.mock.messages.count == 2)
        #expect(try harness.counts(id)[.cancelled] == 3)
    }

    @Test func blockedAndRetriedOutcomes() throws {
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(10))
        try harness.subscribe(.telegram, "1", lastMessage: nil)
        try harness.subscribe(.telegram, "2", lastMessage: nil)
        let id = try harness.create()
        harness.mock.failNext([.httpStatus(403), .httpStatus(500)])

        harness.deliverer.runRound()
        var counts = try harness.counts(id)
        #expect(counts[.blocked] == 1)
        #expect(counts[.queued] == 1)

        harness.clock.set(harness.clock.now.addingTimeInterval(60))
        harness.deliverer.runRound()
        counts = try harness.counts(id)
        #expect(counts[.sent] == 1)
        #expect(try harness.store.broadcast(id: id)?.state == .completed)
    }

    @Test func emergencyPassesHeldBackRows() throws {
        var settings = BroadcastSettings()
        settings.batchSize = 2
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(23), settings: settings)
        for index in 0..<3 { try harness.subscribe(.telegram, "\(index)", lastMessage: nil) }
        // A broadcast that started before 21:00 still has queued rows when quiet hours begin.
        let held = try harness.create()
        _ = try harness.store.startBroadcast(id: held, now: harness.clock.now)
        let urgent = try harness.create(emergency: true)

        harness.deliverer.runRound()
        harness.deliverer.runRound()
        #expect(try harness.counts(held)[.queued] == 3)
        #expect(try harness.counts(urgent)[.sent] == 3)
        #expect(harness.mock.messages.count == 3)
    }

    @Test func repliesGoFirst() throws {
        var settings = BroadcastSettings()
        settings.maxYieldRounds = 2
        let harness = try BroadcastWorkerHarness(at: BroadcastWorkerHarness.vietnam(10), settings: settings)
        try harness.subscribe(.telegram, "1", lastMessage: nil)
        let id = try harness.create()
        let reply = try harness.store.queueMessage(
            OutboundMessage(text: "trả lời"), to: ConversationID(channel: .telegram, userID: "2"),
            now: harness.clock.now)

        harness.deliverer.runRound()
        harness.deliverer.runRound()
        #expect(try harness.counts(id)[.sent] == 0)

        // The third round in a row sends anyway.
        harness.deliverer.runRound()
        #expect(try harness.counts(id)[.sent] == 1)
        try harness.store.markDelivered(outboxID: reply, at: harness.clock.now)
    }
}
