import Foundation
import Synchronization

/// The embedded `Store`: one SQLite file in WAL mode.
///
/// Durability: `synchronous=FULL` makes SQLite fsync the write-ahead log at every commit, so an
/// event is on disk when `insertInbound` returns and survives a process crash or a power loss.
///
/// Threads: one connection serves every call, guarded by a mutex, so calls from several threads
/// run one after another. Every method is one transaction and blocks on disk I/O. Call it from a
/// thread that may block, not from the cooperative pool of Swift concurrency.
///
/// NOTE: every write pays its own fsync, so write throughput is bounded by the disk's fsync
/// latency; batching several inserts into one commit is not implemented.
public final class SQLiteStore: Store {
    /// The database path as given to `init`.
    public let path: String

    /// The open connection, or nil after `close()`.
    private let connection: Mutex<SQLiteConnection?>

    private static let busyTimeoutMilliseconds: Int32 = 5_000

    /// Opens the database at `path`, creating the file and its parent folders when missing, and
    /// applies pending schema migrations. ":memory:" opens a private in-memory database.
    public init(path: String) throws {
        if path != ":memory:" {
            try Self.createParentDirectory(of: path)
        }

        let connection = try SQLiteConnection(path: path)
        try Self.configure(connection, path: path)
        try SQLiteMigrations.apply(to: connection)

        self.path = path
        self.connection = Mutex(connection)
    }

    /// Opens the database at `path` like `init(path:)`, applies pending migrations and returns
    /// their numbers.
    public static func migrate(path: String) throws -> [Int] {
        if path != ":memory:" {
            try createParentDirectory(of: path)
        }
        let connection = try SQLiteConnection(path: path)
        try configure(connection, path: path)
        return try SQLiteMigrations.apply(to: connection)
    }

    /// Closes the connection. Later calls throw `StorageError.Code.closed`, and closing twice does nothing.
    public func close() {
        connection.withLock { $0 = nil }
    }

    /// Runs `body` in a transaction that takes the write lock at BEGIN.
    func write<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        try withConnection(purpose) { connection in
            try connection.transaction(immediate: true, purpose: purpose) { try body(connection) }
        }
    }

    /// Runs `body` in a deferred transaction, which takes no write lock unless `body` writes.
    func read<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        try withConnection(purpose) { connection in
            try connection.transaction(immediate: false, purpose: purpose) { try body(connection) }
        }
    }

    private func withConnection<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        try connection.withLock { connection in
            guard let connection else {
                throw StorageError(.closed, "\(purpose) failed: the store at \(path) is closed")
            }
            return try body(connection)
        }
    }

    private static func createParentDirectory(of path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                .openFailed, "creating folder \(parent.path) for database \(path) failed: \(error.localizedDescription)"
            )
        }
    }

    private static func configure(_ connection: SQLiteConnection, path: String) throws {
        try connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds, purpose: "setting busy timeout")

        let modes = try connection.query("PRAGMA journal_mode = WAL", purpose: "enabling WAL mode") { row in
            row.text(0) ?? ""
        }
        // An in-memory database has no file to log to and keeps journal mode "memory".
        guard path == ":memory:" || modes.first?.lowercased() == "wal" else {
            throw StorageError(
                .openFailed, "enabling WAL mode on \(path) failed: journal mode is \(modes.first ?? "unknown")")
        }

        try connection.execute("PRAGMA synchronous = FULL", purpose: "setting synchronous mode")
        try connection.execute("PRAGMA foreign_keys = ON", purpose: "enabling foreign keys")
    }
}
