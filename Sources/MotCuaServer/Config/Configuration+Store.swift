import Foundation
import MotCuaPostgres
import MotCuaStorage

extension Configuration {
    /// Opens the configured database, applying pending migrations, and returns the store with the
    /// function that closes it.
    func openStore() throws -> (store: any Store, close: @Sendable () -> Void) {
        if let postgresURL {
            let store = try PostgresStore(url: postgresURL, poolSize: databasePoolSize)
            return (store, { store.close() })
        }
        let store = try SQLiteStore(path: databasePath)
        return (store, { store.close() })
    }

    /// Applies pending migrations to the configured database and returns their numbers, in order.
    public func migrateDatabase() throws -> [Int] {
        if let postgresURL {
            return try PostgresStore.migrate(url: postgresURL)
        }
        return try SQLiteStore.migrate(path: databasePath)
    }
}
