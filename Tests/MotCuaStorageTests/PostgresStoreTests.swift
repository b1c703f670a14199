import Foundation
import MotCuaCore
import MotCuaStorage
import Synchronization
import Testing

@testable import MotCuaPostgres

/// Behaviour only the PostgreSQL store has: several instances on one database, the pool and
/// reconnecting. Skipped unless MOTCUA_TEST_POSTGRES names a server.
@Suite(.enabled(if: PostgresSchema.serverURL != nil, "MOTCUA_TEST_POSTGRES is not set; `make test` sets it"))
struct PostgresStoreTests {
    /// Runs `body` with two stores, as two instances would have, on one fresh schema.
    static func withTwoStores(_ body: (PostgresStore, PostgresStore) throws -> Void) throws {
        let schema = try PostgresSchema.create()
        defer { PostgresSchema.drop(schema.name) }
        let first = try PostgresStore(url: schema.url, poolSize: 2)
        defer { first.close() }
        let second = try PostgresStore(url: schema.url, poolSize: 2)
        defer { second.close() }
        try body(first, second)
    }

    @Test func claimGivesConversationToOneInstance() throws {
        try Self.withTwoStores { first, second throws in
            _ = try Fixture.insertEvents(["a1", "a2"], from: Fixture.alice, into: first)
            _ = try Fixture.insertEvents(["b1"], from: Fixture.bob, into: second)
            let now = Fixture.date(0)

            let firstClaim = try first.claimInbound(owner: "one", now: now, lease: 30, limit: 10)
            let secondClaim = try second.claimInbound(owner: "two", now: now, lease: 30, limit: 10)

            #expect(firstClaim.map(\.event.eventID) == ["a1", "a2", "b1"])
            #expect(secondClaim.isEmpty)
        }
    }

    @Test func releasedConversationGoesToOtherInstance() throws {
        try Self.withTwoStores { first, second throws in
            _ = try Fixture.insertEvents(["a1"], from: Fixture.alice, into: first)
            _ = try Fixture.insertEvents(["b1"], from: Fixture.bob, into: first)
            let now = Fixture.date(0)
            _ = try first.claimInbound(owner: "one", now: now, lease: 30, limit: 10)

            try first.releaseInbound(Fixture.alice, owner: "one")
            try second.releaseInbound(Fixture.bob, owner: "two")

            let secondClaim = try second.claimInbound(owner: "two", now: now, lease: 30, limit: 10)
            #expect(secondClaim.map(\.event.eventID) == ["a1"])
        }
    }

    @Test func expiredClaimIsTakenOver() throws {
        try Self.withTwoStores { first, second throws in
            _ = try Fixture.insertEvents(["a1", "a2"], from: Fixture.alice, into: first)
            _ = try first.claimInbound(owner: "one", now: Fixture.date(0), lease: 30, limit: 10)

            let beforeExpiry = try second.claimInbound(owner: "two", now: Fixture.date(29_999), lease: 30, limit: 10)
            let afterExpiry = try second.claimInbound(owner: "two", now: Fixture.date(30_000), lease: 30, limit: 10)

            #expect(beforeExpiry.isEmpty)
            #expect(afterExpiry.map(\.event.eventID) == ["a1", "a2"])
        }
    }

    @Test func processedConversationIsNotClaimed() throws {
        try Self.withTwoStores { first, _ throws in
            let sequences = try Fixture.insertEvents(["a1"], from: Fixture.alice, into: first)
            try first.markProcessed(eventSequence: sequences[0])

            #expect(try first.claimInbound(owner: "one", now: Fixture.date(0), lease: 30, limit: 10).isEmpty)
        }
    }

    @Test func leaseHeldByOneOwnerUntilExpiry() throws {
        try Self.withTwoStores { first, second throws in
            let start = Fixture.date(0)

            #expect(try first.acquireLease("job", owner: "one", now: start, duration: 10))
            #expect(try !second.acquireLease("job", owner: "two", now: Fixture.date(5_000), duration: 10))
            #expect(try first.acquireLease("job", owner: "one", now: Fixture.date(5_000), duration: 10))
            #expect(try !second.acquireLease("job", owner: "two", now: Fixture.date(14_999), duration: 10))
            #expect(try second.acquireLease("job", owner: "two", now: Fixture.date(15_000), duration: 10))
            #expect(try second.acquireLease("other", owner: "two", now: start, duration: 10))
        }
    }

    @Test func concurrentOutboxClaimsNeverOverlap() throws {
        try Self.withTwoStores { first, second throws in
            let conversations = (0..<60).map { ConversationID(channel: .zalo, userID: "u\($0)") }
            for conversation in conversations {
                _ = try first.queueMessage(OutboundMessage(text: "x"), to: conversation, now: Fixture.date(0))
            }

            let claimed = Mutex<[Int64]>([])
            let failures = Mutex<[String]>([])
            let finished = DispatchGroup()
            for store in [first, second, first, second] {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    while true {
                        do {
                            let entries = try store.claimDueOutbox(now: Fixture.date(1), limit: 7, lease: 60)
                            if entries.isEmpty { return }
                            claimed.withLock { $0 += entries.map(\.id) }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                            return
                        }
                    }
                }.start()
            }
            finished.wait()

            let ids = claimed.withLock { $0 }
            #expect(failures.withLock { $0 } == [])
            #expect(ids.count == conversations.count)
            #expect(Set(ids).count == conversations.count)
        }
    }

    @Test func concurrentRecipientClaimsNeverOverlap() throws {
        try Self.withTwoStores { first, second throws in
            let subscribers = (1...60).map { StoreBroadcastTests.subscriber($0) }
            try StoreBroadcastTests.importSubscriptions(into: first, subscribers)
            let id = try first.createBroadcast(StoreBroadcastTests.draft())
            #expect(try first.startBroadcast(id: id, now: Fixture.date(1)) == subscribers.count)

            let claimed = Mutex<[Int64]>([])
            let failures = Mutex<[String]>([])
            let finished = DispatchGroup()
            for store in [first, second, first, second] {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    // Every thread reads the same due rows, so most claims race for one recipient.
                    for _ in 0..<100 {
                        do {
                            let due = try store.dueRecipients(now: Fixture.date(2), limit: 7)
                            if due.isEmpty { return }
                            let ids = try store.claimRecipients(
                                sending: due.map(\.id), waiting: [], now: Fixture.date(2), lease: 60)
                            claimed.withLock { $0 += ids }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                            return
                        }
                    }
                    failures.withLock { $0.append("due recipients left after 100 rounds") }
                }.start()
            }
            finished.wait()

            let ids = claimed.withLock { $0 }
            #expect(failures.withLock { $0 } == [])
            #expect(ids.count == subscribers.count)
            #expect(Set(ids).count == subscribers.count)
            let counts = try second.recipientCounts(broadcastID: id, now: Fixture.date(3))
            #expect(counts[.sending] == subscribers.count)
            let attempts = try second.recipients(broadcastID: id, state: .sending, limit: 100).map(\.attempts)
            #expect(Set(attempts) == [1])
        }
    }

    @Test func concurrentStartsFixAudienceOnce() throws {
        try Self.withTwoStores { first, second throws in
            try StoreBroadcastTests.importSubscriptions(
                into: first, (1...20).map { StoreBroadcastTests.subscriber($0) })
            let id = try first.createBroadcast(StoreBroadcastTests.draft())

            let results = Mutex<[Int?]>([])
            let failures = Mutex<[String]>([])
            let finished = DispatchGroup()
            for store in [first, second] {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    do {
                        let count = try store.startBroadcast(id: id, now: Fixture.date(1))
                        results.withLock { $0.append(count) }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }.start()
            }
            finished.wait()

            #expect(failures.withLock { $0 } == [])
            #expect(results.withLock { $0 }.sorted { ($0 ?? -1) < ($1 ?? -1) } == [nil, 20])
            #expect(try first.recipientCounts(broadcastID: id, now: Fixture.date(2)).total == 20)
        }
    }

    @Test func terminatedConnectionIsReopened() throws {
        let schema = try PostgresSchema.create()
        defer { PostgresSchema.drop(schema.name) }
        // The application name marks this store's sessions, so only they are terminated.
        let application = "terminate_\(schema.name)"
        let store = try PostgresStore(url: "\(schema.url)&application_name=\(application)", poolSize: 4)
        defer { store.close() }

        #expect(try store.insertInbound(Fixture.event("before"), receivedAt: Fixture.date(0)))
        // Two connections in the pool, so the retry after the first broken one meets a second.
        _ = try store.pool.withConnection(purpose: "holding a connection") { _ in
            try store.pendingInbound(limit: 1)
        }

        try Self.terminateSessions(of: application)

        // Every pooled connection is dead now, so each call must reconnect and succeed.
        #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["before"])
        try Self.terminateSessions(of: application)
        #expect(try store.insertInbound(Fixture.event("after"), receivedAt: Fixture.date(1)))
        try Self.terminateSessions(of: application)
        try store.markProcessed(eventSequence: try store.pendingInbound(limit: 1)[0].sequence)
        #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["after"])
    }

    @Test func concurrentMigrationsApplyEachOnce() throws {
        let schema = try PostgresSchema.create()
        defer { PostgresSchema.drop(schema.name) }

        let applied = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        let finished = DispatchGroup()
        for _ in 0..<4 {
            finished.enter()
            Thread {
                defer { finished.leave() }
                do {
                    let versions = try PostgresStore.migrate(url: schema.url)
                    applied.withLock { $0 += versions }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }.start()
        }
        finished.wait()

        #expect(failures.withLock { $0 } == [])
        #expect(applied.withLock { $0 }.sorted() == PostgresMigrations.scripts.map(\.version).sorted())
        #expect(try PostgresStore.migrate(url: schema.url) == [])
    }

    @Test func connectionErrorHidesPassword() throws {
        let error = #expect(throws: StorageError.self) {
            try PostgresStore(url: "postgres://motcua:khong-duoc-lo@127.0.0.1:1/motcua", acquireTimeout: 2)
        }

        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("khong-duoc-lo") == false)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test func poolWaitTimesOutWhenFull() throws {
        let schema = try PostgresSchema.create()
        defer { PostgresSchema.drop(schema.name) }
        let store = try PostgresStore(url: schema.url, poolSize: 1, acquireTimeout: 0.2)
        defer { store.close() }

        let error = #expect(throws: StorageError.self) {
            try store.pool.withConnection(purpose: "holding the only connection") { _ in
                try store.pendingInbound(limit: 1)
            }
        }
        #expect(error?.code == .busy)
    }

    /// Ends the sessions with this application name, as a server restart would.
    static func terminateSessions(of application: String) throws {
        guard let url = PostgresSchema.serverURL else { return }
        let connection = try PostgresConnection(conninfo: url, target: "the test server")
        let terminated = try connection.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            [.text(application)], purpose: "terminating sessions of \(application)"
        ) { $0.bool(0) }
        #expect(!terminated.isEmpty, "no session of \(application) was found")
    }
}
