import Foundation
import MotCuaStorage

/// The `Store` on a PostgreSQL server, for several `motcua serve` instances sharing one database.
///
/// Every method is one transaction on a connection taken from a bounded pool, so calls from
/// several threads run in parallel up to the pool size. Methods block on network I/O; call them
/// from a thread that may block.
///
/// When the connection breaks during a call, the call is retried once on a new connection if that
/// is safe: reads, writes that failed before COMMIT was sent, and idempotent writes. A write whose
/// COMMIT was sent but not answered throws `connectionFailed`, because it may or may not be stored.
public final class PostgresStore: Store {
    /// The server and database, without user name or password, for messages.
    public let target: String
    let pool: PostgresPool

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`, or any
    /// libpq connection URL) and applies pending migrations. `poolSize` bounds the open
    /// connections; a call waits up to `acquireTimeout` seconds for a free one.
    public init(url: String, poolSize: Int = 8, acquireTimeout: TimeInterval = 10) throws {
        target = Self.redacted(url)
        pool = PostgresPool(conninfo: url, target: target, maxSize: poolSize, acquireTimeout: acquireTimeout)
        _ = try PostgresMigrations.apply(pool: pool, target: target)
    }

    /// Applies the migrations the database has not seen yet and returns their numbers.
    public static func migrate(url: String) throws -> [Int] {
        let target = redacted(url)
        let pool = PostgresPool(conninfo: url, target: target, maxSize: 1, acquireTimeout: 10)
        defer { pool.close() }
        return try PostgresMigrations.apply(pool: pool, target: target)
    }

    /// Closes idle connections. Later calls throw `StorageError.Code.closed`.
    public func close() {
        pool.close()
    }

    /// Runs `body` in a transaction that writes. With `idempotent`, a call whose COMMIT was sent
    /// but not answered is repeated too, so `body` must then give the same result when run twice.
    func write<Result>(
        _ purpose: String, idempotent: Bool = false, _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        try transaction(purpose, retriesAfterCommit: idempotent, body)
    }

    /// Runs `body` in a transaction that only reads, so it is always safe to repeat.
    func read<Result>(_ purpose: String, _ body: (PostgresConnection) throws -> Result) throws -> Result {
        try transaction(purpose, retriesAfterCommit: true, body)
    }

    private func transaction<Result>(
        _ purpose: String, retriesAfterCommit: Bool, _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        var attempt = 1
        while true {
            var commitSent = false
            do {
                return try pool.withConnection(purpose: purpose) { connection in
                    try connection.transaction(purpose: purpose, commitSent: &commitSent) { try body(connection) }
                }
            } catch let error as StorageError where error.code == .connectionFailed && attempt == 1 {
                guard !commitSent || retriesAfterCommit else {
                    throw StorageError(
                        .connectionFailed,
                        "\(error.message); the connection broke after COMMIT was sent, so the write may or may not "
                            + "be stored", sqlState: error.sqlState)
                }
                pool.discardIdle()
                attempt += 1
            }
        }
    }

    /// Returns the URL without user name, password and query, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.scheme != nil else {
            return "the configured PostgreSQL database"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "the configured PostgreSQL database"
    }
}
