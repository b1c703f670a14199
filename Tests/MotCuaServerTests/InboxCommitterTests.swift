import Foundation
import MotCuaCore
import MotCuaStorage
import Synchronization
import Testing

@testable import MotCuaServer

struct InboxCommitterTests {
    private static func event(_ id: String, user: String = "user-1") -> ReceivedEvent {
        ReceivedEvent(
            event: InboundEvent(
                channel: .zalo, eventID: id, userID: user, timestampMillis: 1_700_000_000_000,
                content: .text("xin chào")
            ),
            receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    private static func withDatabase(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-inbox-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder.appendingPathComponent("db.sqlite").path)
    }

    private static let logger = Logger(label: "test", sink: .memory())

    @Test func concurrentRequestsAllStored() throws {
        try Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            defer { store.close() }
            let handedOff = Mutex<[StoredEvent]>([])
            let committer = InboxCommitter(store: store, logger: Self.logger) { stored in
                handedOff.withLock { $0 += stored }
            }
            committer.start()
            defer { committer.stop() }

            let results = Mutex<[String: StoredEvent?]>([:])
            DispatchQueue.concurrentPerform(iterations: 200) { index in
                let id = "msg-\(index)"
                let stored = try? committer.insert([Self.event(id, user: "user-\(index % 7)")])
                results.withLock { $0[id] = stored?.first ?? nil }
            }

            let stored = results.withLock { $0 }
            #expect(stored.count == 200)
            #expect(stored.values.allSatisfy { $0 != nil })
            let pending = try store.pendingInbound(limit: 1_000)
            #expect(pending.count == 200)
            let sequences = handedOff.withLock { $0.map(\.sequence) }
            #expect(sequences == pending.map(\.sequence))
        }
    }

    @Test func duplicateAcrossRequestsStoredOnce() throws {
        try Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            defer { store.close() }
            let committer = InboxCommitter(store: store, logger: Self.logger) { _ in }
            committer.start()
            defer { committer.stop() }

            let outcomes = Mutex<[StoredEvent?]>([])
            DispatchQueue.concurrentPerform(iterations: 20) { _ in
                let stored = try? committer.insert([Self.event("same")])
                outcomes.withLock { $0.append(stored?.first ?? nil) }
            }

            #expect(outcomes.withLock { $0.count { $0 != nil } } == 1)
            #expect(try store.pendingInbound(limit: 10).count == 1)
        }
    }

    @Test func completionFollowsDurableCommit() throws {
        try Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            let committer = InboxCommitter(store: store, logger: Self.logger) { _ in }
            committer.start()

            let acknowledged = Mutex<[String]>([])
            let done = DispatchGroup()
            for index in 0..<50 {
                done.enter()
                let id = "ack-\(index)"
                committer.submit([Self.event(id)]) { result in
                    if case .success = result { acknowledged.withLock { $0.append(id) } }
                    done.leave()
                }
            }
            done.wait()

            // A second store reads only what is committed to the file, as a process started
            // after a crash would, whatever the first store still holds in memory.
            let reopened = try SQLiteStore(path: path)
            defer { reopened.close() }
            let onDisk = Set(try reopened.pendingInbound(limit: 100).map(\.event.eventID))
            #expect(acknowledged.withLock { $0.count } == 50)
            #expect(Set(acknowledged.withLock { $0 }).isSubset(of: onDisk))

            committer.stop()
            store.close()
        }
    }

    @Test func failedWriteReportsErrorToEveryRequest() throws {
        try Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            let committer = InboxCommitter(store: store, logger: Self.logger) { _ in }
            committer.start()
            defer { committer.stop() }
            store.close()

            #expect(throws: StorageError.self) { try committer.insert([Self.event("a")]) }
            #expect(throws: StorageError.self) { try committer.insert([Self.event("b")]) }
        }
    }

    @Test func stoppedCommitterRejectsRequests() throws {
        try Self.withDatabase { path in
            let store = try SQLiteStore(path: path)
            defer { store.close() }
            let committer = InboxCommitter(store: store, logger: Self.logger) { _ in }
            committer.start()
            committer.stop()

            #expect(throws: StorageError.self) { try committer.insert([Self.event("late")]) }
            #expect(try store.pendingInbound(limit: 10).isEmpty)
        }
    }
}
