import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreInboxBatchTests {
    @Test(arguments: StoreBackend.all) func batchReturnsStoredEventsInOrder(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let batch = ["c", "a", "b"].enumerated().map { offset, id in
                ReceivedEvent(event: Fixture.event(id), receivedAt: Fixture.date(Int64(offset)))
            }

            let stored = try store.insertInbound(batch)

            #expect(stored.map { $0?.event.eventID } == ["c", "a", "b"])
            #expect(stored.map { $0?.receivedAt } == [Fixture.date(0), Fixture.date(1), Fixture.date(2)])
            let sequences = stored.compactMap { $0?.sequence }
            #expect(sequences == sequences.sorted())
            #expect(try store.pendingInbound(limit: 10) == stored.compactMap { $0 })
        }
    }

    @Test(arguments: StoreBackend.all) func batchStoresDuplicatesOnce(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            _ = try store.insertInbound(Fixture.event("old"), receivedAt: Fixture.date(0))
            let batch = ["new", "old", "new"].map {
                ReceivedEvent(event: Fixture.event($0), receivedAt: Fixture.date(1))
            }

            let stored = try store.insertInbound(batch)

            #expect(stored[0]?.event.eventID == "new")
            #expect(stored[1] == nil)
            #expect(stored[2] == nil)
            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["old", "new"])
        }
    }

    @Test(arguments: StoreBackend.all) func emptyBatchStoresNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let stored = try store.insertInbound([])
            let pending = try store.pendingInbound(limit: 10)

            #expect(stored.isEmpty)
            #expect(pending.isEmpty)
        }
    }

    @Test func readsSeeCommittedBatch() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            defer { store.close() }

            _ = try store.pendingInbound(limit: 1)
            _ = try store.insertInbound([ReceivedEvent(event: Fixture.event("a"), receivedAt: Fixture.date(0))])

            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["a"])
        }
    }

    @Test func closedStoreRejectsReads() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            store.close()

            #expect(throws: StorageError.self) { try store.pendingInbound(limit: 1) }
            #expect(throws: StorageError.self) {
                try store.insertInbound([ReceivedEvent(event: Fixture.event("a"), receivedAt: Fixture.date(0))])
            }
        }
    }
}
