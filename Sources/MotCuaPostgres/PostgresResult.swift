import CLibPQ
import Foundation

/// One query result, which owns its `PGresult` and clears it in deinit. Every column is read in
/// libpq's text format.
final class PostgresResult {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    var rowCount: Int { Int(PQntuples(handle)) }

    /// Rows changed by an INSERT, UPDATE or DELETE, or 0 for other commands.
    var changedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    func row(_ index: Int) -> PostgresRow {
        PostgresRow(result: self, index: Int32(index))
    }
}

/// One row of a `PostgresResult`, read by column index.
struct PostgresRow {
    let result: PostgresResult
    let index: Int32

    func isNull(_ column: Int) -> Bool {
        PQgetisnull(result.handle, index, Int32(column)) != 0
    }

    func text(_ column: Int) -> String? {
        guard !isNull(column) else { return nil }
        return String(cString: PQgetvalue(result.handle, index, Int32(column)))
    }

    /// Reads an integer column; NULL and unparsable values read as 0.
    func int64(_ column: Int) -> Int64 {
        text(column).flatMap { Int64($0) } ?? 0
    }

    func optionalInt64(_ column: Int) -> Int64? {
        text(column).flatMap { Int64($0) }
    }

    /// Reads a boolean column, which the text format sends as "t" or "f".
    func bool(_ column: Int) -> Bool {
        text(column) == "t"
    }

    /// Reads a bytea column, which the text format sends hex-escaped.
    func blob(_ column: Int) -> Data? {
        guard !isNull(column), let escaped = PQgetvalue(result.handle, index, Int32(column)) else { return nil }
        var length = 0
        guard let bytes = escaped.withMemoryRebound(to: UInt8.self, capacity: 1, { PQunescapeBytea($0, &length) })
        else {
            return nil
        }
        defer { PQfreemem(bytes) }
        return Data(bytes: bytes, count: length)
    }
}
