import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreOperationsTests {
    static let carol = ConversationID(channel: .messenger, userID: "psid-7")

    static func state(_ json: String) -> Data { Data(json.utf8) }

    /// Stores one inbound event and commits it with `build`.
    static func commit(_ store: any Store, id: String, _ build: (Int64) -> ProcessingCommit) throws {
        #expect(try store.insertInbound(Fixture.event(id), receivedAt: Fixture.date(0)))
        let sequence = try #require(try store.pendingInbound(limit: 10).first { $0.event.eventID == id }?.sequence)
        try store.commitProcessing(build(sequence))
    }

    static func change(_ kind: CaseKind, _ code: String, at milliseconds: Int64) -> StatusChange {
        StatusChange(
            kind: kind, code: code, status: .processing, note: nil, officialRole: "officer",
            changedAt: Fixture.date(milliseconds))
    }

    static func report(_ ticket: String, at milliseconds: Int64) -> FieldReport {
        FieldReport(
            ticket: ticket, category: "moi-truong", description: "Rác thải ven kênh", photoURLs: [], location: nil,
            address: nil, commune: "Bình Hòa", contact: nil, conversationID: Fixture.alice,
            createdAt: Fixture.date(milliseconds))
    }

    @Test(arguments: StoreBackend.all) func depthCountsPendingWorkAndDrafts(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            #expect(try store.depth() == StoreDepth(inboxPending: 0, outboxPending: 0, activeDrafts: 0))

            _ = try Fixture.insertEvents(["e2", "e3"], into: store)
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(sequence: sequence)
                commit.conversation.state = Self.state(#"{"flowID":"khai-sinh","step":"ho_ten"}"#)
                return commit
            }
            try store.saveConversation(
                ConversationRecord(
                    id: Fixture.bob, state: Self.state(#"{"flowID":"menu"}"#), updatedAt: Fixture.date(0)),
                replies: [], now: Fixture.date(0))
            try store.saveConversation(
                ConversationRecord(id: Self.carol, state: Self.state("{}"), updatedAt: Fixture.date(0)),
                replies: [OutboundMessage(text: "Chào")], now: Fixture.date(0))

            #expect(try store.depth() == StoreDepth(inboxPending: 2, outboxPending: 2, activeDrafts: 1))

            let entries = try store.claimDueOutbox(now: Fixture.date(1_000), limit: 10, lease: 60)
            #expect(entries.count == 2)
            for entry in entries {
                try store.markDelivered(outboxID: entry.id, at: Fixture.date(2))
            }
            let pending = try store.pendingInbound(limit: 10)
            try store.markProcessed(eventSequence: try #require(pending.first?.sequence))

            #expect(try store.depth() == StoreDepth(inboxPending: 1, outboxPending: 0, activeDrafts: 1))
        }
    }

    @Test(arguments: StoreBackend.all) func historyDeletionKeepsPendingAndRecent(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            #expect(try store.insertInbound(Fixture.event("old"), receivedAt: Fixture.date(0)))
            #expect(try store.insertInbound(Fixture.event("recent"), receivedAt: Fixture.date(5_000)))
            #expect(try store.insertInbound(Fixture.event("unprocessed"), receivedAt: Fixture.date(0)))
            for event in try store.pendingInbound(limit: 10) where event.event.eventID != "unprocessed" {
                try store.markProcessed(eventSequence: event.sequence)
            }

            let delivered = try store.queueMessage(OutboundMessage(text: "a"), to: Fixture.alice, now: Fixture.date(0))
            try store.markDelivered(outboxID: delivered, at: Fixture.date(1))
            let failed = try store.queueMessage(OutboundMessage(text: "b"), to: Fixture.bob, now: Fixture.date(0))
            try store.markFailed(outboxID: failed, attempts: 5, reason: "HTTP 400")
            let pending = try store.queueMessage(OutboundMessage(text: "c"), to: Self.carol, now: Fixture.date(0))
            let recent = try store.queueMessage(OutboundMessage(text: "d"), to: Fixture.bob, now: Fixture.date(5_000))
            try store.markDelivered(outboxID: recent, at: Fixture.date(5_001))

            let deletion = try store.deleteHistory(before: Fixture.date(1_000))

            #expect(deletion == HistoryDeletion(inboundEvents: 1, outboxEntries: 2))
            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["unprocessed"])
            #expect(try store.outboxEntries(for: Fixture.alice).isEmpty)
            #expect(try store.outboxEntries(for: Fixture.bob).map(\.id) == [recent])
            #expect(try store.outboxEntries(for: Self.carol).map(\.id) == [pending])
            // The recent processed event is still known, so its redelivery is a duplicate.
            #expect(!(try store.insertInbound(Fixture.event("recent"), receivedAt: Fixture.date(6_000))))
            #expect(try store.insertInbound(Fixture.event("old"), receivedAt: Fixture.date(6_000)))
            #expect(
                try store.deleteHistory(before: Fixture.date(1_000))
                    == HistoryDeletion(inboundEvents: 0, outboxEntries: 0))
        }
    }

    @Test(arguments: StoreBackend.all) func caseDeletionUsesLastChange(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.commit(store, id: "e1") { sequence in
                var commit = Fixture.commit(
                    sequence: sequence,
                    dossiers: [
                        Fixture.dossier("KS-AAAAAA-A", at: 0), Fixture.dossier("KS-BBBBBB-B", at: 5_000),
                        Fixture.dossier("KS-CCCCCC-C", at: 0), Fixture.dossier("KS-DDDDDD-D", at: 0),
                    ])
                commit.reports = [Self.report("PA-AAAAAA-A", at: 0), Self.report("PA-BBBBBB-B", at: 5_000)]
                return commit
            }
            // A change after the cutoff keeps a dossier, and a change before it does not.
            _ = try store.recordStatusChange(
                Self.change(.dossier, "KS-AAAAAA-A", at: 8_000), notification: OutboundMessage(text: "x"))
            _ = try store.recordStatusChange(
                Self.change(.dossier, "KS-DDDDDD-D", at: 600), notification: OutboundMessage(text: "x"))
            _ = try store.recordStatusChange(
                Self.change(.report, "PA-AAAAAA-A", at: 500), notification: OutboundMessage(text: "x"))

            let deletion = try store.deleteCases(updatedBefore: Fixture.date(1_000))

            #expect(deletion == CaseDeletion(dossiers: 2, reports: 1))
            #expect(try store.dossier(receiptCode: "KS-AAAAAA-A") != nil)
            #expect(try store.dossier(receiptCode: "KS-BBBBBB-B") != nil)
            #expect(try store.dossier(receiptCode: "KS-CCCCCC-C") == nil)
            #expect(try store.dossier(receiptCode: "KS-DDDDDD-D") == nil)
            #expect(try store.report(ticket: "PA-AAAAAA-A") == nil)
            #expect(try store.report(ticket: "PA-BBBBBB-B") != nil)
            #expect(try store.statusHistory(kind: .dossier, code: "KS-AAAAAA-A").count == 1)
            #expect(try store.statusHistory(kind: .dossier, code: "KS-DDDDDD-D").isEmpty)
            #expect(try store.statusHistory(kind: .report, code: "PA-AAAAAA-A").isEmpty)
            #expect(try store.deleteCases(updatedBefore: Fixture.date(1_000)) == CaseDeletion(dossiers: 0, reports: 0))
        }
    }
}
