import CSQLite
import Foundation

/// A prepared statement, which owns its `sqlite3_stmt` and finalizes it in deinit.
///
/// The statement keeps the raw database handle only to read error messages. That handle stays valid
/// while any statement exists because the connection closes with `sqlite3_close_v2`, which defers
/// the close until every statement is finalized.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: OpaquePointer

    init(database: OpaquePointer, sql: String, purpose: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteConnection.error(code: code, database: database, purpose: "preparing \(purpose)")
        }
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1, 2, … in order.
    func bind(_ values: [SQLiteValue], purpose: String) throws {
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else {
                throw SQLiteConnection.error(
                    code: code, database: database, purpose: "binding parameter \(offset + 1) of \(purpose)")
            }
        }
    }

    /// Advances to the next row and returns false when the statement has finished.
    func step(purpose: String) throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw SQLiteConnection.error(code: code, database: database, purpose: purpose)
        }
    }

    /// Rewinds the statement and clears its bindings so the cache can hand it out again.
    func reset() {
        // sqlite3_reset repeats the last step's error, which `step` has already thrown.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// Reads an integer column, where NULL reads as 0.
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, column)
    }

    /// Reads a real column, where NULL reads as 0.
    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard !isNull(column), let characters = sqlite3_column_text(handle, column) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        let bytes = UnsafeBufferPointer(start: characters, count: count)
        return String(decoding: bytes, as: UTF8.self)
    }

    func blob(_ column: Int32) -> Data? {
        guard !isNull(column) else {
            return nil
        }
        // sqlite3_column_blob returns NULL for a zero-length blob.
        guard let bytes = sqlite3_column_blob(handle, column) else {
            return Data()
        }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    private func bind(_ value: SQLiteValue, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(let text):
            return bindText(text, at: index)
        case .blob(let data):
            return bindBlob(data, at: index)
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }

    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // A nil pointer would bind NULL, so an empty string binds a zero-length literal instead.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, motcua_sqlite3_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                sqlite3_bind_text64(
                    handle, index, characters, sqlite3_uint64(bytes.count), motcua_sqlite3_transient(),
                    UInt8(SQLITE_UTF8))
            }
        }
    }

    private func bindBlob(_ data: Data, at index: Int32) -> Int32 {
        data.withUnsafeBytes { bytes in
            // A nil pointer would bind NULL, so empty data binds a zero-length blob instead.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob64(
                handle, index, base, sqlite3_uint64(bytes.count), motcua_sqlite3_transient())
        }
    }
}
