import Foundation
import MotCuaCore
import MotCuaStorage
import Synchronization
import Testing

@testable import MotCuaServer

/// The retention job on a real SQLite file with a fake clock.
struct RetentionJobTests {
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_772_000_000)
    static let citizen = ConversationID(channel: .zalo, userID: "8000000000000000201")
    static let waiting = ConversationID(channel: .zalo, userID: "8000000000000000202")

    final class FakeClock: Sendable {
        let now = Mutex(RetentionJobTests.start)
        func advance(days: Double) { now.withLock { $0 = $0.addingTimeInterval(days * RetentionJobTests.day) } }
        func read() -> Date { now.withLock { $0 } }
    }

    /// Stores, at `start`, one processed event with a delivered reply, a dossier and a saved
    /// conversation inside a flow. It also stores one event that is still pending.
    static func seed(_ store: SQLiteStore) throws {
        let processed = InboundEvent(
            channel: .zalo, eventID: "old-1", userID: citizen.userID, timestampMillis: 1, content: .text("xin chào"))
        #expect(try store.insertInbound(processed, receivedAt: start))
        let sequence = try #require(try store.pendingInbound(limit: 10).first?.sequence)
        let dossier = Dossier(
            receiptCode: "KS-RET001-A", flowID: "dang-ky-khai-sinh", flowVersion: "1", conversationID: citizen,
            answers: ["ho_ten": "Nguyen Van An"], createdAt: start)
        try store.commitProcessing(
            ProcessingCommit(
                eventSequence: sequence,
                conversation: ConversationRecord(
                    id: citizen, state: Data(#"{"flowID":"dang-ky-khai-sinh"}"#.utf8), updatedAt: start),
                replies: [OutboundMessage(text: "Cảm ơn")], dossiers: [dossier], now: start))
        let reply = try #require(try store.claimDueOutbox(now: start, limit: 10, lease: 60).first)
        try store.markDelivered(outboxID: reply.id, at: start)

        let pending = InboundEvent(
            channel: .zalo, eventID: "old-2", userID: waiting.userID, timestampMillis: 2, content: .text("chào"))
        #expect(try store.insertInbound(pending, receivedAt: start))
    }

    static func withStore(_ body: (SQLiteStore) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-retention-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        defer { store.close() }
        try body(store)
    }

    @Test func nothingDeletedBeforePeriods() throws {
        try Self.withStore { store in
            try Self.seed(store)
            let clock = FakeClock()
            clock.advance(days: 10)
            let job = RetentionJob(
                store: store, periods: .init(drafts: 30 * Self.day, history: 90 * Self.day, cases: 365 * Self.day),
                logger: Logger(label: "test", sink: .memory()), clock: clock.read)

            #expect(job.runOnce() == RetentionJob.Result())
            #expect(try store.loadConversation(Self.citizen) != nil)
            #expect(try store.outboxEntries(for: Self.citizen).count == 1)
        }
    }

    @Test func historyDeletedCasesKept() throws {
        try Self.withStore { store in
            try Self.seed(store)
            let clock = FakeClock()
            clock.advance(days: 95)
            let logs = LogSink.memory()
            let metrics = ServiceMetrics()
            let job = RetentionJob(
                store: store, periods: .init(drafts: 30 * Self.day, history: 90 * Self.day, cases: nil),
                logger: Logger(label: "test", sink: logs), metrics: metrics, clock: clock.read)

            let result = job.runOnce()
            #expect(result.drafts == 1)
            #expect(result.inboundEvents == 1)
            #expect(result.outboxEntries == 1)
            #expect(result.dossiers == 0)
            #expect(try store.loadConversation(Self.citizen) == nil)
            #expect(try store.outboxEntries(for: Self.citizen).isEmpty)
            #expect(try store.dossier(receiptCode: "KS-RET001-A") != nil)
            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["old-2"])
            #expect(metrics.registry.value("motcua_retention_deleted_total", labels: ["kind": "inbound_events"]) == 1)
            let summary = logs.recorded.first { $0.contains("expired data deleted") }
            #expect(summary?.contains("deleted.drafts=1") == true)
            #expect(summary?.contains("deleted.inbound_events=1") == true)
        }
    }

    @Test func casesDeletedWhenConfigured() throws {
        try Self.withStore { store in
            try Self.seed(store)
            let clock = FakeClock()
            clock.advance(days: 400)
            let job = RetentionJob(
                store: store, periods: .init(drafts: 30 * Self.day, history: nil, cases: 365 * Self.day),
                logger: Logger(label: "test", sink: .memory()), clock: clock.read)

            let result = job.runOnce()
            #expect(result.dossiers == 1)
            #expect(result.inboundEvents == 0)
            #expect(try store.dossier(receiptCode: "KS-RET001-A") == nil)
            #expect(try store.outboxEntries(for: Self.citizen).count == 1)
        }
    }

    @Test func depthCountsPendingAndDrafts() throws {
        try Self.withStore { store in
            try Self.seed(store)
            _ = try store.queueMessage(OutboundMessage(text: "chờ gửi"), to: Self.waiting, now: Self.start)
            let depth = try store.depth()
            #expect(depth == StoreDepth(inboxPending: 1, outboxPending: 1, activeDrafts: 1))
        }
    }

    @Test func periodsFromConfiguration() {
        var configuration = Configuration()
        #expect(MotCuaService.retentionPeriods(configuration).cases == nil)
        #expect(MotCuaService.retentionPeriods(configuration).history == 90 * Self.day)
        configuration.retentionHistoryDays = 0
        configuration.retentionCaseDays = 3650
        #expect(MotCuaService.retentionPeriods(configuration).history == nil)
        #expect(MotCuaService.retentionPeriods(configuration).cases == 3650 * Self.day)
    }
}
