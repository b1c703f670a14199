import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    static let outboxColumns = "id, channel, user_id, message, status, attempts, next_attempt_at, last_error"

    /// Claims due replies, at most one per conversation: only the conversation's oldest pending
    /// reply is eligible, once its `nextAttemptAt` has come and any earlier claim has expired.
    /// Rows another instance is claiming at the same moment are skipped (FOR UPDATE SKIP LOCKED)
    /// instead of waited for. Returns the claimed replies ordered by id.
    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) throws -> [OutboxEntry] {
        guard limit > 0 else {
            return []
        }
        let purpose = "claiming due outbox entries"
        let claimedUntil = now.epochMilliseconds + Int64((max(lease, 0) * 1000).rounded())

        return try write(purpose) { connection in
            try connection.query(
                """
                UPDATE outbox SET claimed_until = $3
                WHERE id IN (
                    SELECT entry.id FROM outbox AS entry
                    WHERE entry.status = 'pending'
                        AND entry.next_attempt_at <= $1
                        AND (entry.claimed_until IS NULL OR entry.claimed_until <= $1)
                        AND entry.id = (
                            SELECT MIN(earlier.id) FROM outbox AS earlier
                            WHERE earlier.channel = entry.channel
                                AND earlier.user_id = entry.user_id
                                AND earlier.status = 'pending')
                    ORDER BY entry.id
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.outboxColumns)
                """,
                [.integer(now.epochMilliseconds), .integer(Int64(limit)), .integer(claimedUntil)],
                purpose: purpose,
                read: Self.outboxEntry
            ).sorted { $0.id < $1.id }
        }
    }

    /// Marks a pending reply delivered and counts the successful send as one more attempt.
    /// Throws `notFound` unless the entry exists and is pending.
    public func markDelivered(outboxID: Int64, at: Date) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, claimed_until = NULL",
            [.integer(at.epochMilliseconds)],
            purpose: "marking outbox entry \(outboxID) delivered")
    }

    public func markDelivered(outboxIDs: [Int64], at: Date) throws -> [Int64] {
        guard !outboxIDs.isEmpty else { return [] }
        let purpose = "marking \(outboxIDs.count) outbox entries delivered"
        return try write(purpose, idempotent: true) { connection in
            try outboxIDs.filter { id in
                let changed = try connection.run(
                    "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, claimed_until = NULL WHERE id = $1 AND status = 'pending'",
                    [.integer(id), .integer(at.epochMilliseconds)], purpose: "marking outbox entry \(id) delivered")
                return changed != 1
            }
        }
    }

    /// Releases the claim and makes the reply due again at `nextAttemptAt`.
    /// Throws `notFound` unless the entry exists and is pending.
    public func scheduleRetry(outboxID: Int64, attempts: Int, nextAttemptAt: Date, error: String) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4, claimed_until = NULL",
            [.integer(Int64(attempts)), .integer(nextAttemptAt.epochMilliseconds), .text(error)],
            purpose: "scheduling a retry of outbox entry \(outboxID)")
    }

    /// Records a permanent failure with its reason, which lets the conversation's next pending
    /// reply be claimed. Throws `notFound` unless the entry exists and is pending.
    public func markFailed(outboxID: Int64, attempts: Int, reason: String) throws {
        try updatePendingEntry(
            outboxID,
            "UPDATE outbox SET status = 'failed', attempts = $2, last_error = $3, claimed_until = NULL",
            [.integer(Int64(attempts)), .text(reason)],
            purpose: "marking outbox entry \(outboxID) failed")
    }

    /// Returns the conversation's replies in every status, oldest first.
    public func outboxEntries(for id: ConversationID) throws -> [OutboxEntry] {
        let purpose = "reading outbox entries of conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.outboxColumns) FROM outbox WHERE channel = $1 AND user_id = $2 ORDER BY id",
                [.text(id.channel.rawValue), .text(id.userID)],
                purpose: purpose,
                read: Self.outboxEntry)
        }
    }

    /// Runs `update` (an UPDATE without WHERE clause whose own parameters start at $2) on the entry
    /// if it is pending.
    private func updatePendingEntry(
        _ outboxID: Int64, _ update: String, _ values: [PostgresValue], purpose: String
    ) throws {
        try write(purpose) { connection in
            let changed = try connection.run(
                update + " WHERE id = $1 AND status = 'pending'", [.integer(outboxID)] + values, purpose: purpose)
            guard changed == 1 else {
                throw StorageError(.notFound, "\(purpose) failed: no pending outbox entry has id \(outboxID)")
            }
        }
    }

    static func appendReply(
        _ message: Data, to id: ConversationID, dueAt date: Date, connection: PostgresConnection, purpose: String
    ) throws -> Int64 {
        try connection.query(
            """
            INSERT INTO outbox (channel, user_id, message, status, attempts, next_attempt_at, created_at)
            VALUES ($1, $2, $3, 'pending', 0, $4, $4)
            RETURNING id
            """,
            [.text(id.channel.rawValue), .text(id.userID), .bytea(message), .integer(date.epochMilliseconds)],
            purpose: "appending a reply to the outbox while \(purpose)"
        ) { row in
            row.int64(0)
        }.first ?? 0
    }

    static func outboxEntry(from row: PostgresRow) throws -> OutboxEntry {
        let id = row.int64(0)
        let channel = try channel(row.text(1), of: "outbox entry \(id)")
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
