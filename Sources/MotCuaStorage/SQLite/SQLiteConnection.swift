import CSQLite
import Foundation

/// One SQLite database connection, which owns its `sqlite3` handle and closes it in deinit.
///
/// The connection is opened without SQLite's own mutex, so its owner must keep two threads from using
/// it at the same time. Prepared statements are cached by their SQL text for the connection's lifetime.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// The number of the group commit whose transaction is open on this connection, if any.
    var openGroup: UInt64?
    /// The writes made so far in the open group's transaction.
    var writesInGroup = 0

    /// Opens or creates the database file at `path`. The path ":memory:" opens a private in-memory database.
    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            // SQLite allocates a handle even when opening fails, to carry the error message.
            let detail = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw StorageError(.openFailed, "opening database \(path) failed: \(detail)", resultCode: code)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int {
        Int(sqlite3_changes(handle))
    }

    var lastInsertedRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// Waits up to `milliseconds` for another connection's lock before a statement fails as busy.
    func setBusyTimeout(milliseconds: Int32, purpose: String) throws {
        try check(sqlite3_busy_timeout(handle, milliseconds), purpose: purpose)
    }

    /// Runs one or more statements without parameters, such as a migration script.
    func execute(_ sql: String, purpose: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), purpose: purpose)
    }

    /// Runs one statement to completion and returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue] = [], purpose: String) throws -> Int {
        let statement = try prepared(sql, purpose: purpose)
        defer { statement.reset() }

        try statement.bind(values, purpose: purpose)
        while try statement.step(purpose: purpose) {}
        return changes
    }

    /// Runs one statement and converts each result row with `read`.
    func query<Row>(
        _ sql: String, _ values: [SQLiteValue] = [], purpose: String, read: (SQLiteStatement) throws -> Row
    ) throws -> [Row] {
        let statement = try prepared(sql, purpose: purpose)
        defer { statement.reset() }

        try statement.bind(values, purpose: purpose)
        var rows: [Row] = []
        while try statement.step(purpose: purpose) {
            rows.append(try read(statement))
        }
        return rows
    }

    /// Runs `body` in one transaction, committing when it returns and rolling back when it throws.
    ///
    /// `immediate` takes the write lock at BEGIN, so a writer waits for the lock up front instead of
    /// failing as busy when it upgrades from reading.
    func transaction<Result>(immediate: Bool, purpose: String, _ body: () throws -> Result) throws -> Result {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", purpose: "beginning \(purpose)")
        do {
            let result = try body()
            try execute("COMMIT", purpose: "committing \(purpose)")
            return result
        } catch {
            // Some errors (a full disk, an I/O error) already rolled the transaction back.
            if sqlite3_get_autocommit(handle) == 0 {
                sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            }
            throw error
        }
    }

    /// Returns a copy of the main database's bytes, as a database file would hold them.
    func serializedMainDatabase(purpose: String) throws -> [UInt8] {
        var size: sqlite3_int64 = 0
        guard let bytes = sqlite3_serialize(handle, "main", &size, 0) else {
            throw StorageError(.queryFailed, "\(purpose) failed: sqlite3_serialize returned no data")
        }
        defer { sqlite3_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
    }

    /// Replaces the main database with an in-memory copy of `image`, which came from
    /// `serializedMainDatabase`. The copy may grow, and SQLite frees it when the connection closes.
    /// Call this before any statement runs on the connection.
    func deserializeMainDatabase(_ image: [UInt8], purpose: String) throws {
        guard let memory = sqlite3_malloc64(sqlite3_uint64(max(image.count, 1))) else {
            throw StorageError(.queryFailed, "\(purpose) failed: out of memory for \(image.count) bytes")
        }
        let buffer = memory.bindMemory(to: UInt8.self, capacity: max(image.count, 1))
        image.withUnsafeBufferPointer { source in
            if let base = source.baseAddress {
                buffer.update(from: base, count: source.count)
            }
        }
        // With FREEONCLOSE, SQLite owns the buffer from here on, also when the call fails.
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let size = sqlite3_int64(image.count)
        try check(sqlite3_deserialize(handle, "main", buffer, size, size, flags), purpose: purpose)
    }

    /// Whether no transaction is open, also after SQLite rolled one back on its own after an error.
    var isAutocommit: Bool {
        sqlite3_get_autocommit(handle) != 0
    }

    /// Throws a `StorageError` with SQLite's message unless `code` reports success.
    func check(_ code: Int32, purpose: String) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw Self.error(code: code, database: handle, purpose: purpose)
        }
    }

    /// Builds the error for a failed call. `purpose` names the operation and the ids involved. It must
    /// not contain payloads or message text, because the error message ends up in logs.
    static func error(code: Int32, database: OpaquePointer?, purpose: String) -> StorageError {
        let kind: StorageError.Code
        switch code & 0xFF {
        case SQLITE_CONSTRAINT:
            kind = .constraint
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            kind = .corrupt
        case SQLITE_BUSY, SQLITE_LOCKED:
            kind = .busy
        case SQLITE_CANTOPEN:
            kind = .openFailed
        default:
            kind = .queryFailed
        }
        let detail = database.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return StorageError(kind, "\(purpose) failed: \(detail)", resultCode: code)
    }

    private func prepared(_ sql: String, purpose: String) throws -> SQLiteStatement {
        if let statement = statements[sql] {
            return statement
        }
        let statement = try SQLiteStatement(database: handle, sql: sql, purpose: purpose)
        statements[sql] = statement
        return statement
    }
}
