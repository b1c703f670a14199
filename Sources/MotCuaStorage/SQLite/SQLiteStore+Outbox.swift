import Foundation
import MotCuaCore

extension SQLiteStore {
    private static let outboxColumns = "id, channel, user_id, message, status, attempts, next_attempt_at, last_error"

    /// Claims due replies, at most one per conversation. Only the conversation's oldest pending reply
    /// is eligible, once its `nextAttemptAt` has come and any earlier claim has expired. Returns the
    /// claimed replies ordered by id.
    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) throws -> [OutboxEntry] {
        // SQLite reads a negative LIMIT as no limit at all.
        guard limit > 0 else {
            return []
        }
        let purpose = "claiming due outbox entries"
        let claimedUntil = now.epochMilliseconds + Int64((max(lease, 0) * 1000).rounded())

        return try write(purpose) { connection in
            let entries = try connection.query(
                """
                SELECT \(Self.outboxColumns) FROM outbox AS entry
                WHERE entry.status = 'pending'
                    AND entry.next_attempt_at <= ?1
                    AND (entry.claimed_until IS NULL OR entry.claimed_until <= ?1)
                    AND entry.id = (
                        SELECT MIN(earlier.id) FROM outbox AS earlier
                        WHERE earlier.channel = entry.channel
                            AND earlier.user_id = entry.user_id
                            AND earlier.status = 'pending')
                ORDER BY entry.id
                LIMIT ?2
                """,
                [.integer(now.epochMilliseconds), .integer(Int64(limit))],
                purpose: purpose,
                read: Self.outboxEntry)

            for entry in entries {
                try connection.run(
                    "UPDATE outbox SET claimed_until = ? WHERE id = ?", [.integer(claimedUntil), .integer(entry.id)],
                    purpose: "claiming outbox entry \(entry.id)")
            }
            return entries
        }
    }

    /// Marks a pending reply delivered and counts the successful send as one more attempt.
    /// Throws `notFound` unless the entry exists and is pending.
    public func markDelivered(outboxID: Int64, at: Date) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, claimed_until = NULL",
            [.integer(at.epochMilliseconds)],
            purpose: "marking outbox entry \(outboxID) delivered")
    }

    public func markDelivered(outboxIDs: [Int64], at: Date) throws -> [Int64] {
        guard !outboxIDs.isEmpty else { return [] }
        let purpose = "marking \(outboxIDs.count) outbox entries delivered"
        return try write(purpose) { connection in
            try outboxIDs.filter { id in
                let changed = try connection.run(
                    "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, claimed_until = NULL WHERE id = ? AND status = 'pending'",
                    [.integer(at.epochMilliseconds), .integer(id)], purpose: "marking outbox entry \(id) delivered")
                return changed != 1
            }
        }
    }

    /// Releases the claim and makes the reply due again at `nextAttemptAt`.
    /// Throws `notFound` unless the entry exists and is pending.
    public func scheduleRetry(outboxID: Int64, attempts: Int, nextAttemptAt: Date, error: String) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL",
            [.integer(Int64(attempts)), .integer(nextAttemptAt.epochMilliseconds), .text(error)],
            purpose: "scheduling a retry of outbox entry \(outboxID)")
    }

    /// Records a permanent failure with its reason, which lets the conversation's next pending reply
    /// be claimed. Throws `notFound` unless the entry exists and is pending.
    public func markFailed(outboxID: Int64, attempts: Int, reason: String) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ?, claimed_until = NULL",
            [.integer(Int64(attempts)), .text(reason)],
            purpose: "marking outbox entry \(outboxID) failed")
    }

    /// Returns the conversation's replies in every status, oldest first.
    public func outboxEntries(for id: ConversationID) throws -> [OutboxEntry] {
        let purpose = "reading outbox entries of conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.outboxColumns) FROM outbox WHERE channel = ? AND user_id = ? ORDER BY id",
                [.text(id.channel.rawValue), .text(id.userID)],
                purpose: purpose,
                read: Self.outboxEntry)
        }
    }

    /// Runs `update` (an UPDATE without WHERE clause) on the entry if it is pending.
    private func updatePendingEntry(
        _ outboxID: Int64, _ update: String, _ values: [SQLiteValue], purpose: String
    ) throws {
        try write(purpose) { connection in
            let changed = try connection.run(
                update + " WHERE id = ? AND status = 'pending'", values + [.integer(outboxID)], purpose: purpose)
            guard changed == 1 else {
                throw StorageError(.notFound, "\(purpose) failed: no pending outbox entry has id \(outboxID)")
            }
        }
    }

    private static func outboxEntry(from row: SQLiteStatement) throws -> OutboxEntry {
        let id = row.int64(0)
        let channelName = row.text(1) ?? ""
        guard let channel = ChannelKind(rawValue: channelName) else {
            throw StorageError(.decodeFailed, "outbox entry \(id) has unknown channel '\(channelName)'")
        }
        let statusName = row.text(4) ?? ""
        guard let status = OutboxEntry.Status(rawValue: statusName) else {
            throw StorageError(.decodeFailed, "outbox entry \(id) has unknown status '\(statusName)'")
        }

        return OutboxEntry(
            id: id,
            conversationID: ConversationID(channel: channel, userID: row.text(2) ?? ""),
            message: try StoredJSON.decode(OutboundMessage.self, from: row.blob(3), purpose: "outbox entry \(id)"),
            status: status,
            attempts: Int(row.int64(5)),
            nextAttemptAt: Date(epochMilliseconds: row.int64(6)),
            lastError: row.text(7))
    }
}
