import Foundation
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Testing

/// Sends one broadcast to 20,000 Telegram subscribers while `motcua serve` is killed with SIGKILL
/// three times in the middle of sending and started again on the same file.
@Suite(.serialized)
struct BroadcastCrashTests {
    static let recipients = 20_000
    static let kills = 3
    static let batchSize = 100

    @Test(.timeLimit(.minutes(2))) func killedServerSendsEachOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bcrash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("motcua.sqlite").path
        let config = folder.appendingPathComponent("motcua.yaml").path
        // Rate limits are lifted and the lease is short, so the test takes seconds.
        try """
        outbound:
          timeout_seconds: 2
        broadcast:
          quiet_hours: "off"
          telegram_per_second: 1000000
          batch_size: \(Self.batchSize)
          lease_seconds: 3
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let broadcastID = try Self.seed(database: database)
        let mock = MockZaloAPI()
        try mock.start()
        defer { mock.stop() }
        let client = try HTTPClient()
        defer { client.shutdown() }

        let slice = Self.recipients / (Self.kills + 1)
        for kill in 0..<Self.kills {
            let server = try Self.launch(database: database, config: config, mock: mock)
            let target = kill * slice + Int.random(in: slice / 4...slice)
            let deadline = Date().addingTimeInterval(30)
            while mock.messages.count < target, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            server.kill()
        }

        let last = try Self.launch(database: database, config: config, mock: mock)
        defer { last.kill() }
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let deadline = Date().addingTimeInterval(60)
        while try store.broadcast(id: broadcastID)?.state != .completed, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try store.broadcast(id: broadcastID)?.state == .completed)

        var received: [String: Int] = [:]
        for message in mock.messages(on: .telegram) { received[message.recipient, default: 0] += 1 }
        let sent = try store.recipients(broadcastID: broadcastID, state: .sent, limit: Self.recipients)
        let failed = try store.recipients(broadcastID: broadcastID, state: .failed, limit: Self.recipients)
        let counts = try store.recipientCounts(broadcastID: broadcastID, now: Date())

        print("broadcast crash test: sent \(counts[.sent]), unknown \(failed.count), received \(received.count)")
        #expect(counts.total == Self.recipients)
        #expect(received.values.allSatisfy { $0 == 1 }, "a recipient received the broadcast twice")
        #expect(sent.allSatisfy { received[$0.conversationID.userID] == 1 }, "a recipient marked sent got nothing")
        #expect(counts[.sent] + counts[.failed] == Self.recipients)
        #expect(Set(counts.reasons.keys).isSubset(of: ["outcome_unknown"]))
        // Only sends in flight at a kill have an unknown outcome, at most one batch per kill.
        #expect(failed.count <= Self.kills * Self.batchSize)
        let missing = failed.filter { received[$0.conversationID.userID] == nil }.count
        #expect(received.count == counts[.sent] + (failed.count - missing))
    }

    /// Creates the database with the subscriptions and one approved broadcast to everyone.
    static func seed(database: String) throws -> Int64 {
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let created = Date()
        try store.importSubscriptions(
            (0..<recipients).map { index in
                Subscription(
                    conversationID: ConversationID(channel: .telegram, userID: "\(700_000_000 + index)"),
                    commune: "Bình Hòa", topics: Subscription.topics, createdAt: created)
            })
        return try store.createBroadcast(
            Broadcast(
                id: 0, text: "Xã {xa}: lịch tiêm chủng ngày {ngay}", audience: BroadcastAudience(),
                createdBy: "cb-test", approvedBy: "cb-second", state: .scheduled, createdAt: created))
    }

    static func launch(database: String, config: String, mock: MockZaloAPI) throws -> CrashRecoveryTests.Server {
        try CrashRecoveryTests.Server(
            database: database, mock: mock, arguments: ["serve", "--config", config],
            extraEnvironment: [
                "MOTCUA_TELEGRAM_SECRET": ServiceHarness.telegramSecret,
                "MOTCUA_TELEGRAM_TOKEN": ServiceHarness.telegramToken, "MOTCUA_TELEGRAM_API_BASE": mock.baseURL,
                "MOTCUA_LOG_LEVEL": "error",
            ])
    }
}
