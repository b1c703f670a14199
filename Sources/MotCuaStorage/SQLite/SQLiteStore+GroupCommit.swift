import Foundation
import Synchronization

extension SQLiteStore {
    /// The maximum number of writes in one group commit, which bounds how long its first writer
    /// waits for the COMMIT.
    static let maxWritesPerGroup = 512

    /// Runs `body` in a savepoint of the open group transaction, beginning one when none is open,
    /// and commits the group when no other writer waits or the group is full. Returns the body's
    /// result, the group's number and whether this call committed it. Call it with the write
    /// connection locked.
    func writeInGroup<Result>(
        _ connection: SQLiteConnection, purpose: String, _ body: (SQLiteConnection) throws -> Result
    ) throws -> (Result, UInt64, Bool) {
        let group = try openGroup(connection, purpose: purpose)

        let outcome: Swift.Result<Result, any Error>
        do {
            try connection.execute("SAVEPOINT motcua_write", purpose: "beginning \(purpose)")
            do {
                let result = try body(connection)
                try connection.execute("RELEASE motcua_write", purpose: "finishing \(purpose)")
                outcome = .success(result)
            } catch {
                // Some errors (a full disk, an I/O error) roll back the whole transaction at once.
                if !connection.isAutocommit {
                    try? connection.execute("ROLLBACK TO motcua_write", purpose: "undoing \(purpose)")
                    try? connection.execute("RELEASE motcua_write", purpose: "undoing \(purpose)")
                }
                throw error
            }
        } catch {
            outcome = .failure(error)
        }

        if connection.isAutocommit {
            // SQLite rolled the group back, so no write of it is stored.
            connection.openGroup = nil
            let error = (try? outcome.get()).map { _ in
                StorageError(.queryFailed, "\(purpose) failed: the transaction was rolled back")
            }
            groupCommits.finish(group, error: outcome.failureValue ?? error)
            return (try outcome.get(), group, true)
        }

        connection.writesInGroup += 1
        let commits =
            writersWaiting.load(ordering: .relaxed) == 0 || connection.writesInGroup >= Self.maxWritesPerGroup
        guard commits else {
            return (try outcome.get(), group, false)
        }
        let commitError = commitOpenGroup(connection, purpose: purpose)
        let result = try outcome.get()
        if let commitError { throw commitError }
        return (result, group, true)
    }

    /// Commits the open group, if any, signals the outcome to its writers and returns the commit's
    /// error. Call it with the write connection locked.
    @discardableResult
    func commitOpenGroup(_ connection: SQLiteConnection, purpose: String) -> (any Error)? {
        guard let group = connection.openGroup else { return nil }
        connection.openGroup = nil
        do {
            try connection.execute("COMMIT", purpose: "committing \(purpose)")
            groupCommits.finish(group, error: nil)
            return nil
        } catch {
            if !connection.isAutocommit {
                try? connection.execute("ROLLBACK", purpose: "rolling back \(purpose)")
            }
            groupCommits.finish(group, error: error)
            return error
        }
    }

    private func openGroup(_ connection: SQLiteConnection, purpose: String) throws -> UInt64 {
        if let group = connection.openGroup {
            return group
        }
        try connection.execute("BEGIN IMMEDIATE", purpose: "beginning \(purpose)")
        let group = lastGroup.withLock { last in
            last += 1
            return last
        }
        connection.openGroup = group
        connection.writesInGroup = 0
        return group
    }
}

/// The outcome of each group commit, for the writers that wait for a commit that another writer
/// makes. Groups finish in the order they began.
final class GroupCommitSignal: @unchecked Sendable {
    // @unchecked: `finished` and `failures` are read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var finished: UInt64 = 0
    private var failures: [UInt64: any Error] = [:]

    func finish(_ group: UInt64, error: (any Error)?) {
        condition.lock()
        finished = max(finished, group)
        if let error {
            failures[group] = error
            // Writers of a failed group read its error right after the broadcast; older entries
            // only keep memory.
            failures = failures.filter { $0.key + 64 > group }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `group` finished, and throws its commit error.
    func wait(for group: UInt64) throws {
        condition.lock()
        defer { condition.unlock() }
        while finished < group {
            condition.wait()
        }
        if let error = failures[group] {
            throw error
        }
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        guard case .failure(let error) = self else { return nil }
        return error
    }
}
