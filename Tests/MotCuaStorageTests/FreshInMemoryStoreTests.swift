import Foundation
import MotCuaCore
import Testing

@testable import MotCuaStorage

struct FreshInMemoryStoreTests {
    @Test func freshStoresShareNoData() throws {
        let first = try SQLiteStore.freshInMemory()
        defer { first.close() }
        let second = try SQLiteStore.freshInMemory()
        defer { second.close() }

        #expect(try first.insertInbound(Fixture.event("a"), receivedAt: Fixture.date(0)))
        #expect(try first.pendingInbound(limit: 10).count == 1)
        #expect(try second.pendingInbound(limit: 10).isEmpty)

        let third = try SQLiteStore.freshInMemory()
        defer { third.close() }
        #expect(try third.pendingInbound(limit: 10).isEmpty)
    }

    @Test func freshStoreMatchesMigratedSchema() throws {
        let migrated = try SQLiteStore(path: ":memory:")
        defer { migrated.close() }
        let fresh = try SQLiteStore.freshInMemory()
        defer { fresh.close() }

        let schemaQuery = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        let readSchema: (SQLiteStore) throws -> [String] = { store in
            try store.read("reading the schema") { connection in
                try connection.query(schemaQuery, purpose: "reading the schema") { row in
                    "\(row.text(0) ?? "") \(row.text(1) ?? "") \(row.text(2) ?? "")"
                }
            }
        }
        let expected = try readSchema(migrated)
        #expect(!expected.isEmpty)
        #expect(try readSchema(fresh) == expected)
    }

    @Test func freshStoreEnforcesForeignKeys() throws {
        let store = try SQLiteStore.freshInMemory()
        defer { store.close() }

        let enabled = try store.read("reading foreign_keys") { connection in
            try connection.query("PRAGMA foreign_keys", purpose: "reading foreign_keys") { $0.int64(0) }
        }
        #expect(enabled == [1])
    }

    @Test func freshStoreRunsAProcessingCommit() throws {
        let store = try SQLiteStore.freshInMemory()
        defer { store.close() }

        let sequences = try Fixture.insertEvents(["a"], into: store)
        try store.commitProcessing(Fixture.commit(sequence: sequences[0], replies: ["Đã nhận"], at: 5))
        #expect(try store.pendingInbound(limit: 10).isEmpty)
        #expect(try store.claimDueOutbox(now: Fixture.date(10), limit: 10, lease: 60).count == 1)
    }
}
