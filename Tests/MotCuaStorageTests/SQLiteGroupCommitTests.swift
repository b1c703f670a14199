import Foundation
import MotCuaCore
import MotCuaStorage
import Synchronization
import Testing

/// Writes from many threads share transactions; each write still succeeds or fails on its own.
struct SQLiteGroupCommitTests {
    @Test func concurrentWritesAllDurable() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 300) { index in
                do {
                    _ = try store.insertInbound(Fixture.event("g-\(index)"), receivedAt: Fixture.date(0))
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }

            // A second store reads the file, not the first store's memory.
            let reopened = try SQLiteStore(path: database.path)
            defer { reopened.close() }
            #expect(failures.withLock { $0 } == 0)
            #expect(try reopened.pendingInbound(limit: 1_000).count == 300)
            store.close()
        }
    }

    @Test func failedWriteLeavesOthersStored() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            defer { store.close() }
            let sequences = try Fixture.insertEvents(["a", "b"], into: store)

            let errors = Mutex<[Int: any Error]>([:])
            DispatchQueue.concurrentPerform(iterations: 40) { index in
                do {
                    if index == 7 {
                        // No event has this sequence, so the commit fails with notFound.
                        try store.markProcessed(eventSequence: 123_456)
                    } else {
                        _ = try store.insertInbound(Fixture.event("ok-\(index)"), receivedAt: Fixture.date(0))
                    }
                } catch {
                    errors.withLock { $0[index] = error }
                }
            }

            let failed = errors.withLock { $0 }
            #expect(failed.keys.sorted() == [7])
            #expect((failed[7] as? StorageError)?.code == .notFound)
            #expect(try store.pendingInbound(limit: 100).count == 41)
            #expect(sequences.count == 2)
        }
    }

    @Test func closedStoreKeepsWrites() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            _ = try store.insertInbound(Fixture.event("before-close"), receivedAt: Fixture.date(0))
            store.close()

            let reopened = try SQLiteStore(path: database.path)
            defer { reopened.close() }
            #expect(try reopened.pendingInbound(limit: 10).map(\.event.eventID) == ["before-close"])
        }
    }
}
