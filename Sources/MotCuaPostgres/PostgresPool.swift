import Foundation
import MotCuaStorage
import Synchronization

/// A bounded set of connections to one server. At most `maxSize` connections exist at a time;
/// a caller waits up to `acquireTimeout` seconds for a free one. Connections are opened on demand
/// and a broken one is closed when it comes back, so the next caller gets a new one.
final class PostgresPool: Sendable {
    private let conninfo: String
    private let target: String
    let maxSize: Int
    private let acquireTimeout: TimeInterval
    /// Counts the connections a caller may still take; a taken one is given back by `release`.
    private let permits: DispatchSemaphore
    private let idle = Mutex<[PostgresConnection]>([])
    private let closed = Atomic<Bool>(false)

    init(conninfo: String, target: String, maxSize: Int, acquireTimeout: TimeInterval) {
        self.conninfo = conninfo
        self.target = target
        self.maxSize = max(1, maxSize)
        self.acquireTimeout = acquireTimeout
        permits = DispatchSemaphore(value: self.maxSize)
    }

    /// Runs `body` with a connection of its own and returns the connection afterwards.
    func withConnection<Result>(purpose: String, _ body: (PostgresConnection) throws -> Result) throws -> Result {
        let connection = try acquire(purpose: purpose)
        defer { release(connection) }
        return try body(connection)
    }

    /// Closes the idle connections. After one connection broke, the others were most likely
    /// broken by the same server restart or network fault, and a retry must not pick one of them.
    func discardIdle() {
        idle.withLock { $0.removeAll() }
    }

    /// Closes idle connections; later calls throw `closed`. Connections in use close when they return.
    func close() {
        closed.store(true, ordering: .sequentiallyConsistent)
        idle.withLock { $0.removeAll() }
    }

    private func acquire(purpose: String) throws -> PostgresConnection {
        guard !closed.load(ordering: .sequentiallyConsistent) else {
            throw StorageError(.closed, "\(purpose) failed: the store at \(target) is closed")
        }
        guard permits.wait(timeout: .now() + acquireTimeout) == .success else {
            throw StorageError(
                .busy,
                "\(purpose) failed: no database connection to \(target) became free within \(acquireTimeout) s "
                    + "(pool size \(maxSize)); raise database.pool_size or lower the load")
        }
        if let connection = idle.withLock({ $0.popLast() }) {
            return connection
        }
        do {
            return try PostgresConnection(conninfo: conninfo, target: target)
        } catch {
            permits.signal()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        if connection.isHealthy, connection.isIdle, !closed.load(ordering: .sequentiallyConsistent) {
            idle.withLock { $0.append(connection) }
        }
        permits.signal()
    }
}
