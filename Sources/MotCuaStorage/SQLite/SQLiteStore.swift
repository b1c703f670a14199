import Foundation
import Synchronization

/// The embedded `Store`: one SQLite file in WAL mode.
///
/// Durability: `synchronous=FULL` makes SQLite fsync the write-ahead log at every commit, so an
/// event is on disk when `insertInbound` returns and survives a process crash or a power loss.
///
/// Threads: writes share one connection behind a mutex, so they run one after another. Reads use
/// a second connection behind its own mutex, and WAL lets them run while a write commits. An
/// in-memory database has only the one connection. Every method is one transaction and blocks on
/// disk I/O. Call it from a thread that may block, not from the cooperative pool of Swift
/// concurrency.
///
/// Writes from several threads share one transaction and its fsync, a group commit (see
/// `write`), and each call still returns only after its changes are durable.
public final class SQLiteStore: Store {
    /// The database path as given to `init`.
    public let path: String

    /// The connection for writes, or nil after `close()`.
    private let connection: Mutex<SQLiteConnection?>
    /// The connection for read-only transactions, or nil for an in-memory database and after
    /// `close()`.
    private let reader: Mutex<SQLiteConnection?>
    /// Whether writes share transactions (see `write`); false for an in-memory database, which
    /// has no fsync to save and whose reads share the write connection.
    let groupsCommits: Bool
    /// Writers that have called `write` and not yet taken the write connection.
    let writersWaiting = Atomic<Int>(0)
    let groupCommits = GroupCommitSignal()
    /// The number of the last group commit begun; read and written with the write connection locked.
    let lastGroup = Mutex<UInt64>(0)

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

        var reader: SQLiteConnection?
        if path != ":memory:" {
            reader = try SQLiteConnection(path: path)
            try reader?.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds, purpose: "setting busy timeout")
        }

        self.path = path
        self.connection = Mutex(connection)
        self.reader = Mutex(reader)
        self.groupsCommits = path != ":memory:"
    }

    /// Wraps an open in-memory connection whose schema is already migrated.
    init(migratedInMemory connection: sending SQLiteConnection) {
        self.path = ":memory:"
        self.connection = Mutex(connection)
        self.reader = Mutex(nil)
        self.groupsCommits = false
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
        connection.withLock { connection in
            if let connection {
                commitOpenGroup(connection, purpose: "closing the store")
            }
            connection = nil
        }
        reader.withLock { $0 = nil }
    }

    /// Runs `body` atomically and returns once its changes are durable.
    ///
    /// Writes from several threads share one transaction, a group commit, so one fsync covers all
    /// of them. Each `body` runs inside its own SAVEPOINT, so a body that throws undoes only its
    /// own changes. The writer that finds no other writer waiting commits the group, and the
    /// others return after that COMMIT, or throw its error. An in-memory store commits every
    /// write alone.
    func write<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        guard groupsCommits else {
            return try withConnection(purpose) { connection in
                try connection.transaction(immediate: true, purpose: purpose) { try body(connection) }
            }
        }

        writersWaiting.add(1, ordering: .relaxed)
        let (result, group, committed) = try withConnection(purpose, leavingWriterQueue: true) { connection in
            try writeInGroup(connection, purpose: purpose, body)
        }
        if !committed {
            try groupCommits.wait(for: group)
        }
        return result
    }

    /// Runs `body` in a deferred transaction on the read connection; `body` must not write.
    func read<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        let usesWriter = reader.withLock { $0 == nil }
        guard !usesWriter else {
            return try withConnection(purpose) { connection in
                try connection.transaction(immediate: false, purpose: purpose) { try body(connection) }
            }
        }
        return try withReader(purpose) { reader in
            try reader.transaction(immediate: false, purpose: purpose) { try body(reader) }
        }
    }

    private func withReader<Result: Sendable>(
        _ purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        try reader.withLock { reader in
            guard let reader else {
                throw StorageError(.closed, "\(purpose) failed: the store at \(path) is closed")
            }
            return try body(reader)
        }
    }

    /// Runs `body` with the write connection locked. With `leavingWriterQueue`, the caller counted
    /// itself in `writersWaiting`, and the count drops once the lock is taken.
    private func withConnection<Result: Sendable>(
        _ purpose: String, leavingWriterQueue: Bool = false, _ body: (SQLiteConnection) throws -> Result
    ) throws -> Result {
        try connection.withLock { connection in
            if leavingWriterQueue {
                writersWaiting.subtract(1, ordering: .relaxed)
            }
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

    static func configure(_ connection: SQLiteConnection, path: String) throws {
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
