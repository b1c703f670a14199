import Foundation
import MotCuaCore
import Testing

@testable import MotCuaStorage

struct SQLiteStoreOpeningTests {
    @Test func dataSurvivesReopening() throws {
        try TemporaryDatabase.with { database in
            let dossier = Fixture.dossier("HS-42", at: 3)
            var store = try SQLiteStore(path: database.path)
            let sequences = try Fixture.insertEvents(["a", "b"], into: store)
            try store.commitProcessing(
                Fixture.commit(sequence: sequences[0], replies: ["Đã nhận"], dossiers: [dossier], at: 99))
            let claimed = try store.claimDueOutbox(now: Fixture.date(100), limit: 10, lease: 60)
            store.close()

            store = try SQLiteStore(path: database.path)
            defer { store.close() }

            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["b"])
            #expect(try !store.insertInbound(Fixture.event("a"), receivedAt: Fixture.date(0)))
            #expect(try store.loadConversation(Fixture.alice)?.updatedAt == Fixture.date(99))
            #expect(try store.dossier(receiptCode: "HS-42") == dossier)
            // The claim was stored with the reply, so it still applies after the restart.
            #expect(try store.claimDueOutbox(now: Fixture.date(101), limit: 10, lease: 60).isEmpty)
            #expect(
                try store.claimDueOutbox(now: Fixture.date(60_100), limit: 10, lease: 60).map(\.id) == claimed.map(\.id)
            )
        }
    }

    @Test func migrationsRunOnce() throws {
        try TemporaryDatabase.with { database in
            for _ in 0..<3 {
                let store = try SQLiteStore(path: database.path)
                store.close()
            }

            let connection = try SQLiteConnection(path: database.path)
            #expect(try SQLiteMigrations.schemaVersion(of: connection) == SQLiteMigrations.scripts.count)
        }
    }

    @Test func newerSchemaIsRejected() throws {
        try TemporaryDatabase.with { database in
            try SQLiteStore(path: database.path).close()
            let connection = try SQLiteConnection(path: database.path)
            try connection.execute(
                "PRAGMA user_version = \(SQLiteMigrations.scripts.count + 1)", purpose: "faking a newer schema")

            #expect {
                try SQLiteStore(path: database.path)
            } throws: { error in
                (error as? StorageError)?.code == .migrationFailed
            }
        }
    }

    @Test func fileUsesWriteAheadLog() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            defer { store.close() }

            let connection = try SQLiteConnection(path: database.path)
            let modes = try connection.query("PRAGMA journal_mode", purpose: "reading journal mode") { $0.text(0) }
            #expect(modes == ["wal"])
        }
    }

    @Test func closedStoreThrows() throws {
        try TemporaryDatabase.withStore { store in
            store.close()
            store.close()

            #expect {
                try store.pendingInbound(limit: 1)
            } throws: { error in
                (error as? StorageError)?.code == .closed
            }
        }
    }

    @Test func fileThatIsNotDatabaseIsRejected() throws {
        try TemporaryDatabase.with { database in
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: database.path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: database.path))

            #expect {
                try SQLiteStore(path: database.path)
            } throws: { error in
                (error as? StorageError)?.code == .corrupt
            }
        }
    }

    @Test func inMemoryStoreWorks() throws {
        let store = try SQLiteStore(path: ":memory:")
        defer { store.close() }

        #expect(try store.insertInbound(Fixture.event("a"), receivedAt: Fixture.date(0)))
        #expect(try store.pendingInbound(limit: 10).count == 1)
    }
}
