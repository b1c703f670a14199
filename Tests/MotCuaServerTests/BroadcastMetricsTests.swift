import Foundation
import MotCuaCore
import MotCuaReplay
import MotCuaStorage
import Testing

@testable import MotCuaServer

/// The `motcua_broadcast_…` and `motcua_broadcasts` series on `/metrics`, over loopback.
@Suite(.serialized)
struct BroadcastMetricsTests {
    /// Subscribes `count` Telegram citizens and stores one approved broadcast to all of them.
    static func seed(_ harness: ServiceHarness, count: Int) throws -> Int64 {
        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        let now = Date()
        try store.importSubscriptions(
            (0..<count).map { index in
                Subscription(
                    conversationID: ConversationID(channel: .telegram, userID: "\(710_000_000 + index)"),
                    commune: "Bình Hòa", topics: Subscription.topics, createdAt: now)
            })
        return try store.createBroadcast(
            Broadcast(
                id: 0, text: "Xã {xa}: lịch tiêm chủng", audience: BroadcastAudience(), createdBy: "cb-a",
                approvedBy: "cb-b", state: .scheduled, createdAt: now))
    }

    @Test(.timeLimit(.minutes(1))) func sendsCountedByResult() async throws {
        let harness = try ServiceHarness()
        harness.broadcast.perSecond[.telegram] = 1_000
        let id = try Self.seed(harness, count: 5)
        // Telegram returns 403 when the citizen blocked the bot, so one recipient becomes blocked.
        harness.mock.failNext([.httpStatus(403)])
        try harness.start()

        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        let deadline = Date().addingTimeInterval(20)
        while try store.broadcast(id: id)?.state != .completed, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }

        #expect(try store.broadcast(id: id)?.state == .completed)
        #expect(try await harness.metric(#"motcua_broadcast_sends_total{channel="telegram",result="sent"}"#) == 4)
        #expect(try await harness.metric(#"motcua_broadcast_sends_total{channel="telegram",result="blocked"}"#) == 1)
        #expect(try await harness.metric(#"motcua_broadcasts{state="completed"}"#) == 1)
        #expect(try await harness.metric(#"motcua_broadcasts{state="running"}"#) == 0)
        // A completed broadcast no longer counts among the recipients of active ones.
        #expect(try await harness.metric(#"motcua_broadcast_recipients{state="sent"}"#) == 0)
    }

    @Test func pausedBroadcastShowsQueuedRecipients() async throws {
        let harness = try ServiceHarness()
        let id = try Self.seed(harness, count: 3)
        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        let now = Date()
        #expect(try store.startBroadcast(id: id, now: now) == 3)
        #expect(try store.updateBroadcastState(id: id, from: .running, to: .paused, approvedBy: nil, now: now))
        try harness.start()

        #expect(try await harness.metric(#"motcua_broadcast_recipients{state="queued"}"#) == 3)
        #expect(try await harness.metric(#"motcua_broadcast_recipients{state="sent"}"#) == 0)
        #expect(try await harness.metric(#"motcua_broadcasts{state="paused"}"#) == 1)
        #expect(harness.mock.messages(on: .telegram).isEmpty)
    }

    @Test func exposesBroadcastTypes() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let body = String(decoding: try await harness.get("/metrics").body, as: UTF8.self)

        for (name, kind) in [
            ("motcua_broadcast_sends_total", "counter"), ("motcua_broadcasts", "gauge"),
            ("motcua_broadcast_recipients", "gauge"),
        ] {
            #expect(body.contains("# TYPE \(name) \(kind)\n"), "missing \(name)")
            #expect(body.contains("# HELP \(name) "), "missing help of \(name)")
        }
    }
}
