import Foundation
import MotCuaCore
import Testing

@testable import MotCuaStorage

struct StoreCaseTests {
    static func report(_ ticket: String, for conversation: ConversationID = Fixture.alice, at milliseconds: Int64 = 0)
        -> FieldReport
    {
        FieldReport(
            ticket: ticket, category: "giao-thong", description: "Ổ gà trước cổng trường",
            photoURLs: ["https://example.invalid/a.jpg", "https://example.invalid/b.jpg"], location: "10.77,106.70",
            address: "Số 5 đường Lê Lợi", commune: "Phường Bến Nghé", contact: nil, conversationID: conversation,
            createdAt: Fixture.date(milliseconds))
    }

    /// Stores one inbound event per commit and commits it.
    static func commit(_ store: any Store, id: String, _ build: (Int64) -> ProcessingCommit) throws {
        #expect(try store.insertInbound(Fixture.event(id), receivedAt: Fixture.date(0)))
        let sequence = try #require(try store.pendingInbound(limit: 10).last?.sequence)
        try store.commitProcessing(build(sequence))
    }

    @Test(arguments: StoreBackend.all) func reportCommittedAndReadBack(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let report = Self.report("PA-7HM4QX-R")
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(sequence: sequence)
                commit.reports = [report]
                return commit
            }

            #expect(try store.report(ticket: "PA-7HM4QX-R") == report)
            #expect(try store.report(ticket: "PA-XXXXXX-X") == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func listingFiltersByStatusSinceAndPage(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(
                    sequence: sequence,
                    dossiers: [Fixture.dossier("KS-AAAAAA-A", at: 0), Fixture.dossier("KS-CCCCCC-C", at: 2_000)])
                commit.reports = [Self.report("PA-AAAAAA-A", at: 0), Self.report("PA-CCCCCC-C", at: 2_000)]
                return commit
            }
            _ = try store.recordStatusChange(
                StatusChange(
                    kind: .dossier, code: "KS-AAAAAA-A", status: .processing, note: nil, officialRole: "officer",
                    changedAt: Fixture.date(3_000)),
                notification: OutboundMessage(text: "x"))

            #expect(try store.dossiers(matching: CaseFilter()).map(\.receiptCode) == ["KS-CCCCCC-C", "KS-AAAAAA-A"])
            #expect(
                try store.dossiers(matching: CaseFilter(status: "processing")).map(\.receiptCode) == ["KS-AAAAAA-A"])
            #expect(
                try store.dossiers(matching: CaseFilter(since: Fixture.date(1_000))).map(\.receiptCode) == [
                    "KS-CCCCCC-C"
                ])
            #expect(try store.dossiers(matching: CaseFilter(limit: 1, offset: 1)).map(\.receiptCode) == ["KS-AAAAAA-A"])
            #expect(try store.dossiers(matching: CaseFilter(limit: 0)).isEmpty)
            #expect(
                try store.reports(matching: CaseFilter(status: "received")).map(\.ticket) == [
                    "PA-CCCCCC-C", "PA-AAAAAA-A",
                ])
        }
    }

    @Test(arguments: StoreBackend.all) func statusChangeStoresHistoryAndNotification(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(sequence: sequence, replies: [])
                commit.reports = [Self.report("PA-7HM4QX-R")]
                return commit
            }
            let change = StatusChange(
                kind: .report, code: "PA-7HM4QX-R", status: .done, note: "Đã vá xong", officialRole: "officer",
                changedAt: Fixture.date(5_000))

            let owner = try store.recordStatusChange(change, notification: OutboundMessage(text: "Phản ánh đã xử lý"))

            #expect(owner == Fixture.alice)
            #expect(try store.report(ticket: "PA-7HM4QX-R")?.status == "done")
            #expect(try store.statusHistory(kind: .report, code: "PA-7HM4QX-R") == [change])
            let outbox = try store.outboxEntries(for: Fixture.alice)
            #expect(outbox.map(\.message.text) == ["Phản ánh đã xử lý"])
            #expect(outbox.first?.status == .pending)
        }
    }

    @Test(arguments: StoreBackend.all) func statusChangeForUnknownCodeWritesNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { (store: any Store) throws in
            let change = StatusChange(
                kind: .dossier, code: "KS-AAAAAA-A", status: .done, note: nil, officialRole: "admin",
                changedAt: Fixture.date(0))

            #expect(throws: StorageError.self) {
                _ = try store.recordStatusChange(change, notification: OutboundMessage(text: "x"))
            }
            #expect(try store.statusHistory(kind: .dossier, code: "KS-AAAAAA-A").isEmpty)
            #expect(try store.outboxEntries(for: Fixture.alice).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func subscriptionSavedReplacedAndDeleted(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let first = Subscription(
                conversationID: Fixture.alice, commune: "Xã Tân Phú", topics: ["y-te"], createdAt: Fixture.date(0))
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(sequence: sequence)
                commit.subscription = .save(first)
                return commit
            }
            var second = first
            second.topics = ["thien-tai", "viec-lam"]
            second.createdAt = Fixture.date(9_000)
            try Self.commit(store, id: "e2") { sequence in
                var commit = Fixture.commit(sequence: sequence)
                commit.subscription = .save(second)
                return commit
            }

            let saved = try #require(try store.subscription(for: Fixture.alice))
            #expect(saved.topics == ["thien-tai", "viec-lam"])
            #expect(saved.createdAt == Fixture.date(0))
            #expect(try store.subscriptions().count == 1)

            try Self.commit(store, id: "e3") { sequence in
                var commit = Fixture.commit(sequence: sequence)
                commit.subscription = .delete
                return commit
            }
            #expect(try store.subscription(for: Fixture.alice) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func citizenDataDeletionKeepsDossiers(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(
                    sequence: sequence, replies: ["Đã nhận"], dossiers: [Fixture.dossier("KS-AAAAAA-A")])
                commit.subscription = .save(
                    Subscription(
                        conversationID: Fixture.alice, commune: "", topics: ["y-te"], createdAt: Fixture.date(0)))
                return commit
            }
            let delivered = try #require(try store.outboxEntries(for: Fixture.alice).first)
            try store.markDelivered(outboxID: delivered.id, at: Fixture.date(2_000))
            #expect(try store.insertInbound(Fixture.event("e2", text: "xóa dữ liệu"), receivedAt: Fixture.date(3_000)))
            let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)

            var commit = Fixture.commit(sequence: sequence, state: "empty", replies: ["Đã xóa"])
            commit.deletesCitizenData = true
            try store.commitProcessing(commit)

            #expect(try store.outboxEntries(for: Fixture.alice).map(\.message.text) == ["Đã xóa"])
            #expect(try store.subscription(for: Fixture.alice) == nil)
            #expect(try store.dossier(receiptCode: "KS-AAAAAA-A") != nil)
            #expect(try store.loadConversation(Fixture.alice)?.state == Data("empty".utf8))
            // The processed event e1 lost its payload but still blocks a redelivery.
            #expect(try store.insertInbound(Fixture.event("e1"), receivedAt: Fixture.date(4_000)) == false)

            let again = try store.deleteCitizenData(Fixture.alice)
            #expect(again.conversations == 1)
            #expect(again.inboundEvents == 1)
            #expect(try store.loadConversation(Fixture.alice) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func handoffConversationsListed(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try store.saveConversation(
                ConversationRecord(id: Fixture.alice, state: Data("a".utf8), updatedAt: Fixture.date(1), handoff: true),
                replies: [OutboundMessage(text: "Cán bộ sẽ trả lời")], now: Fixture.date(1))
            try store.saveConversation(
                ConversationRecord(id: Fixture.bob, state: Data("b".utf8), updatedAt: Fixture.date(2)), replies: [],
                now: Fixture.date(2))

            #expect(try store.handoffConversations(limit: 10, offset: 0).map(\.id) == [Fixture.alice])
            #expect(try store.loadConversation(Fixture.alice)?.handoff == true)
            #expect(try store.outboxEntries(for: Fixture.alice).count == 1)

            let id = try store.queueMessage(OutboundMessage(text: "Chào bác"), to: Fixture.alice, now: Fixture.date(3))
            #expect(try store.outboxEntries(for: Fixture.alice).last?.id == id)
        }
    }
}
