import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreOutboxBatchTests {
    @Test(arguments: StoreBackend.all) func batchMarksPendingRepliesDelivered(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let first = try store.queueMessage(OutboundMessage(text: "một"), to: Fixture.alice, now: Fixture.date(0))
            let second = try store.queueMessage(OutboundMessage(text: "hai"), to: Fixture.bob, now: Fixture.date(0))
            try store.markFailed(outboxID: second, attempts: 1, reason: "rejected")

            let missing = try store.markDelivered(outboxIDs: [first, second, 999_999], at: Fixture.date(5))

            #expect(missing == [second, 999_999])
            let alice = try store.outboxEntries(for: Fixture.alice)
            #expect(alice.map(\.status) == [.delivered])
            #expect(alice.first?.attempts == 1)
            #expect(try store.outboxEntries(for: Fixture.bob).map(\.status) == [.failed])
        }
    }

    @Test(arguments: StoreBackend.all) func emptyBatchMarksNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            _ = try store.queueMessage(OutboundMessage(text: "một"), to: Fixture.alice, now: Fixture.date(0))

            #expect(try store.markDelivered(outboxIDs: [], at: Fixture.date(1)).isEmpty)
            #expect(try store.outboxEntries(for: Fixture.alice).map(\.status) == [.pending])
        }
    }
}
