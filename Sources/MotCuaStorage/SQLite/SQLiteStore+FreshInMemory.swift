import Foundation

extension SQLiteStore {
    /// The bytes of an in-memory database with every migration applied, built once per process.
    private static let migratedTemplate: Result<[UInt8], any Error> = Result {
        let connection = try SQLiteConnection(path: ":memory:")
        try configure(connection, path: ":memory:")
        try SQLiteMigrations.apply(to: connection)
        return try connection.serializedMainDatabase(purpose: "serializing the migrated in-memory template")
    }

    /// Opens a private in-memory database with every migration applied, like
    /// `init(path: ":memory:")`. It copies a template migrated once per process instead of running
    /// the migrations again, so it costs a copy of a few pages. Stores share no data.
    public static func freshInMemory() throws -> SQLiteStore {
        let image = try migratedTemplate.get()
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.deserializeMainDatabase(image, purpose: "copying the migrated in-memory template")
        try configure(connection, path: ":memory:")
        return SQLiteStore(migratedInMemory: connection)
    }
}
