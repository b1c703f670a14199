import Foundation
import MotCuaCore
import MotCuaStorage
import MotCuaYAML
import Synchronization
import Testing

@testable import MotCuaServer

/// A store whose `commitProcessing` fails a given number of times for one event.
final class FlakyStore: Store {
    let base: SQLiteStore
    let failingSequence: Int64
    let remainingFailures: Mutex<Int>

    init(base: SQLiteStore, failingSequence: Int64, failures: Int) {
        self.base = base
        self.failingSequence = failingSequence
        self.remainingFailures = Mutex(failures)
    }

    func commitProcessing(_ commit: ProcessingCommit) throws {
        let fail =
            commit.eventSequence == failingSequence
            && remainingFailures.withLock { remaining in
                defer { remaining -= 1 }
                return remaining > 0
            }
        if fail { throw StorageError(.busy, "injected failure") }
        try base.commitProcessing(commit)
    }

    func insertInbound(_ event: InboundEvent, receivedAt: Date) throws -> Bool {
        try base.insertInbound(event, receivedAt: receivedAt)
    }
    func insertInbound(_ batch: [ReceivedEvent]) throws -> [StoredEvent?] { try base.insertInbound(batch) }
    func pendingInbound(limit: Int) throws -> [StoredEvent] { try base.pendingInbound(limit: limit) }
    func loadConversation(_ id: ConversationID) throws -> ConversationRecord? { try base.loadConversation(id) }
    func markProcessed(eventSequence: Int64) throws { try base.markProcessed(eventSequence: eventSequence) }
    func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) throws -> [OutboxEntry] {
        try base.claimDueOutbox(now: now, limit: limit, lease: lease)
    }
    func markDelivered(outboxID: Int64, at: Date) throws { try base.markDelivered(outboxID: outboxID, at: at) }
    func markDelivered(outboxIDs: [Int64], at: Date) throws -> [Int64] {
        try base.markDelivered(outboxIDs: outboxIDs, at: at)
    }
    func scheduleRetry(outboxID: Int64, attempts: Int, nextAttemptAt: Date, error: String) throws {
        try base.scheduleRetry(outboxID: outboxID, attempts: attempts, nextAttemptAt: nextAttemptAt, error: error)
    }
    func markFailed(outboxID: Int64, attempts: Int, reason: String) throws {
        try base.markFailed(outboxID: outboxID, attempts: attempts, reason: reason)
    }
    func outboxEntries(for id: ConversationID) throws -> [OutboxEntry] { try base.outboxEntries(for: id) }
    func dossier(receiptCode: String) throws -> Dossier? { try base.dossier(receiptCode: receiptCode) }
    func dossiers(for id: ConversationID) throws -> [Dossier] { try base.dossiers(for: id) }
    func saveFlowVersion(_ flow: StoredFlowVersion) throws { try base.saveFlowVersion(flow) }
    func flowVersions() throws -> [StoredFlowVersion] { try base.flowVersions() }
    func platformToken(channel: ChannelKind) throws -> StoredToken? { try base.platformToken(channel: channel) }
    func saveRotatedToken(_ token: StoredToken) throws { try base.saveRotatedToken(token) }
    func lastInboundAt(_ id: ConversationID) throws -> Date? { try base.lastInboundAt(id) }
    func claimInbound(owner: String, now: Date, lease: TimeInterval, limit: Int) throws -> [StoredEvent] {
        try base.claimInbound(owner: owner, now: now, lease: lease, limit: limit)
    }
    func releaseInbound(_ id: ConversationID, owner: String) throws { try base.releaseInbound(id, owner: owner) }
    func acquireLease(_ name: String, owner: String, now: Date, duration: TimeInterval) throws -> Bool {
        try base.acquireLease(name, owner: owner, now: now, duration: duration)
    }
    func deleteConversations(updatedBefore cutoff: Date) throws -> Int {
        try base.deleteConversations(updatedBefore: cutoff)
    }
    func dossiers(matching filter: CaseFilter) throws -> [Dossier] { try base.dossiers(matching: filter) }
    func report(ticket: String) throws -> FieldReport? { try base.report(ticket: ticket) }
    func reports(matching filter: CaseFilter) throws -> [FieldReport] { try base.reports(matching: filter) }
    func statusHistory(kind: CaseKind, code: String) throws -> [StatusChange] {
        try base.statusHistory(kind: kind, code: code)
    }
    func recordStatusChange(_ change: StatusChange, notification: OutboundMessage) throws -> ConversationID {
        try base.recordStatusChange(change, notification: notification)
    }
    func subscription(for id: ConversationID) throws -> Subscription? { try base.subscription(for: id) }
    func subscriptions() throws -> [Subscription] { try base.subscriptions() }
    func deleteCitizenData(_ id: ConversationID) throws -> CitizenDataDeletion { try base.deleteCitizenData(id) }
    func handoffConversations(limit: Int, offset: Int) throws -> [ConversationRecord] {
        try base.handoffConversations(limit: limit, offset: offset)
    }
    func saveConversation(_ record: ConversationRecord, replies: [OutboundMessage], now: Date) throws {
        try base.saveConversation(record, replies: replies, now: now)
    }
    func queueMessage(_ message: OutboundMessage, to id: ConversationID, now: Date) throws -> Int64 {
        try base.queueMessage(message, to: id, now: now)
    }
    func transcript(of id: ConversationID, before: TranscriptEntry.ID?, limit: Int) throws -> [TranscriptEntry]? {
        try base.transcript(of: id, before: before, limit: limit)
    }
    func depth() throws -> StoreDepth { try base.depth() }
    func deleteHistory(before cutoff: Date) throws -> HistoryDeletion { try base.deleteHistory(before: cutoff) }
    func deleteCases(updatedBefore cutoff: Date) throws -> CaseDeletion {
        try base.deleteCases(updatedBefore: cutoff)
    }
}

struct EventOrderTests {
    @Test func failedEventBlocksLaterOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-order-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        defer { base.close() }
        let store = FlakyStore(base: base, failingSequence: 1, failures: 2)
        let templates = try TemplateLoader.load(
            folder: ServiceHarness.repositoryRoot.appendingPathComponent("templates").path)
        let engine = ConversationEngine(catalog: templates.catalog, messages: templates.messages)
        let logs = LogSink.memory()
        let processor = EventProcessor(
            store: store, engine: engine, lanes: 2, logger: Logger(label: "test", sink: logs), clock: { Date() },
            onReplies: {})

        let citizen = ConversationID(channel: .zalo, userID: "8000000000000000077")
        for (index, text) in ["khai sinh", "Nguyen Van An"].enumerated() {
            let event = InboundEvent(
                channel: .zalo, eventID: "order-\(index)", userID: citizen.userID, timestampMillis: 1,
                content: .text(text))
            #expect(try base.insertInbound(event, receivedAt: Date()))
        }
        processor.start()
        defer { processor.stop() }

        let deadline = Date().addingTimeInterval(30)
        while try !base.pendingInbound(limit: 10).isEmpty, Date() < deadline {
            processor.wake()
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try base.pendingInbound(limit: 10).isEmpty)

        let record = try #require(try base.loadConversation(citizen))
        let state = try JSONDecoder().decode(ConversationState.self, from: record.state)
        #expect(state.flowID == "dang-ky-khai-sinh")
        #expect(state.stepID == "ngay-sinh")
        #expect(state.slots["ho_ten"]?.value == "Nguyen Van An")
        #expect(logs.recorded.filter { $0.contains("processing an event failed") }.count == 2)
    }
}
