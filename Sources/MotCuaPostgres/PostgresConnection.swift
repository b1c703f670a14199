import CLibPQ
import Foundation
import MotCuaStorage

/// One connection to a PostgreSQL server, which owns its `PGconn` and closes it in deinit.
///
/// A connection must not be used by two threads at the same time. It is `@unchecked Sendable`
/// because `PostgresPool` keeps idle connections behind its mutex and hands each one to a single
/// caller at a time, which keeps that rule.
final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Connects with a libpq connection string or URL. `target` names the server in errors and must
    /// not contain the password.
    init(conninfo: String, target: String) throws {
        guard let handle = PQconnectdb(conninfo) else {
            throw StorageError(.connectionFailed, "connecting to \(target) failed: libpq is out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let detail = Self.trimmed(PQerrorMessage(handle))
            PQfinish(handle)
            throw StorageError(.connectionFailed, "connecting to \(target) failed: \(detail)")
        }
        self.handle = handle
        // libpq prints notices such as "relation already exists, skipping" to stderr otherwise.
        try execute("SET client_min_messages TO warning", purpose: "configuring the connection to \(target)")
    }

    deinit {
        PQfinish(handle)
    }

    /// False once the server closed the connection or a network error broke it.
    var isHealthy: Bool {
        PQstatus(handle) == CONNECTION_OK
    }

    /// True when no transaction is open, so the connection can go back to the pool as it is.
    var isIdle: Bool {
        PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Runs one or more statements without parameters, such as a migration script.
    func execute(_ sql: String, purpose: String) throws {
        _ = try check(PQexec(handle, sql), purpose: purpose)
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [PostgresValue] = [], purpose: String) throws -> Int {
        try execute(sql, values, purpose: purpose).changedRows
    }

    /// Runs one statement and converts each result row with `read`.
    func query<Row>(
        _ sql: String, _ values: [PostgresValue] = [], purpose: String, read: (PostgresRow) throws -> Row
    ) throws -> [Row] {
        let result = try execute(sql, values, purpose: purpose)
        return try (0..<result.rowCount).map { try read(result.row($0)) }
    }

    /// Runs `body` in one transaction, committing when it returns and rolling back when it throws.
    /// `commitSent` is set just before COMMIT goes to the server, so a caller can tell a failure
    /// before the commit (safe to retry) from one whose outcome is unknown.
    func transaction<Result>(
        purpose: String, commitSent: inout Bool, _ body: () throws -> Result
    ) throws -> Result {
        try execute("BEGIN", purpose: "beginning \(purpose)")
        do {
            let result = try body()
            commitSent = true
            try execute("COMMIT", purpose: "committing \(purpose)")
            return result
        } catch {
            if isHealthy, !isIdle {
                PQclear(PQexec(handle, "ROLLBACK"))
            }
            throw error
        }
    }

    /// Sends a parameterised statement. Binary values go in binary form, the rest as text; results
    /// come back as text.
    private func execute(_ sql: String, _ values: [PostgresValue], purpose: String) throws -> PostgresResult {
        let wire = values.map(\.wireBytes)
        var types = values.map(\.typeOID)
        var formats = wire.map { $0?.format ?? 0 }
        var lengths = wire.map { Int32($0?.bytes.count ?? 0) }

        // Each parameter gets its own buffer, freed below after libpq has sent it.
        let buffers: [UnsafeMutablePointer<CChar>?] = wire.map { entry in
            guard let bytes = entry?.bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress {
                    UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
                }
            }
            buffer[bytes.count] = 0
            return buffer
        }
        defer { buffers.forEach { $0?.deallocate() } }
        var pointers = buffers.map { UnsafePointer($0) }

        let result = PQexecParams(
            handle, sql, Int32(values.count), &types, &pointers, &lengths, &formats, 0)
        return try check(result, purpose: purpose)
    }

    /// Turns a failed result into a `StorageError` with PostgreSQL's primary message and SQLSTATE.
    /// The detail line is left out, because it can quote the values of the failing row.
    private func check(_ result: OpaquePointer?, purpose: String) throws -> PostgresResult {
        guard let result else {
            throw StorageError(
                isHealthy ? .queryFailed : .connectionFailed,
                "\(purpose) failed: \(Self.trimmed(PQerrorMessage(handle)))")
        }
        let owned = PostgresResult(handle: result)
        let status = PQresultStatus(result)
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK else {
            return owned
        }

        let sqlState = PQresultErrorField(result, motcua_pq_diag_sqlstate()).map { String(cString: $0) }
        let primary = PQresultErrorField(result, motcua_pq_diag_message_primary()).map { String(cString: $0) }
        let message = primary ?? Self.trimmed(PQerrorMessage(handle))
        throw StorageError(
            Self.code(sqlState: sqlState, healthy: isHealthy), "\(purpose) failed: \(message)", sqlState: sqlState)
    }

    private static func code(sqlState: String?, healthy: Bool) -> StorageError.Code {
        guard healthy else { return .connectionFailed }
        guard let sqlState else { return .queryFailed }
        switch sqlState.prefix(2) {
        case "23": return .constraint
        case "08", "57": return .connectionFailed
        case "40", "55": return .busy
        case "XX": return .corrupt
        default: return .queryFailed
        }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
