import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    /// Claims conversations with pending events for `owner` and returns their pending events,
    /// oldest first. Each conversation has one row in `conversation_claims`. Claiming locks free
    /// rows with FOR UPDATE SKIP LOCKED, so two instances claiming at once neither wait for each
    /// other nor take the same conversation.
    ///
    /// A claim only avoids double work. Order and exactly-once effects hold without it, because
    /// `commitProcessing` locks the event's row and writes nothing for an event already processed.
    public func claimInbound(owner: String, now: Date, lease: TimeInterval, limit: Int) throws -> [StoredEvent] {
        guard limit > 0 else {
            return []
        }
        let purpose = "claiming pending events for \(owner)"
        let nowMilliseconds = now.epochMilliseconds
        let until = nowMilliseconds + Int64((max(lease, 0) * 1000).rounded())

        return try write(purpose) { connection in
            // Rows are inserted in key order, so two instances inserting at once cannot deadlock.
            try connection.run(
                """
                INSERT INTO conversation_claims (channel, user_id, owner, claimed_until)
                SELECT DISTINCT pending.channel, pending.user_id, '', 0 FROM inbox AS pending
                WHERE pending.processed_at IS NULL
                    AND NOT EXISTS (
                        SELECT 1 FROM conversation_claims AS claim
                        WHERE claim.channel = pending.channel AND claim.user_id = pending.user_id)
                ORDER BY pending.channel, pending.user_id
                ON CONFLICT (channel, user_id) DO NOTHING
                """,
                purpose: purpose)
            try connection.run(
                """
                UPDATE conversation_claims SET owner = $1, claimed_until = $2
                WHERE (channel, user_id) IN (
                    SELECT claim.channel, claim.user_id FROM conversation_claims AS claim
                    WHERE (claim.owner = $1 OR claim.claimed_until <= $3)
                        AND EXISTS (
                            SELECT 1 FROM inbox AS pending
                            WHERE pending.channel = claim.channel AND pending.user_id = claim.user_id
                                AND pending.processed_at IS NULL)
                    ORDER BY claim.owner = $1 DESC, claim.channel, claim.user_id
                    LIMIT $4
                    FOR UPDATE SKIP LOCKED)
                """,
                [.text(owner), .integer(until), .integer(nowMilliseconds), .integer(Int64(limit))],
                purpose: purpose)
            return try connection.query(
                """
                SELECT pending.sequence, pending.payload, pending.received_at
                FROM inbox AS pending
                JOIN conversation_claims AS claim
                    ON claim.channel = pending.channel AND claim.user_id = pending.user_id
                WHERE pending.processed_at IS NULL AND claim.owner = $1 AND claim.claimed_until > $2
                ORDER BY pending.sequence
                LIMIT $3
                """,
                [.text(owner), .integer(nowMilliseconds), .integer(Int64(limit))],
                purpose: purpose,
                read: Self.storedEvent)
        }
    }

    public func releaseInbound(_ id: ConversationID, owner: String) throws {
        let purpose = "releasing conversation \(id) from \(owner)"
        _ = try write(purpose, idempotent: true) { connection in
            try connection.run(
                """
                UPDATE conversation_claims SET owner = '', claimed_until = 0
                WHERE channel = $1 AND user_id = $2 AND owner = $3
                """,
                [.text(id.channel.rawValue), .text(id.userID), .text(owner)],
                purpose: purpose)
        }
    }

    /// Takes the lease when it is free, expired or already `owner`'s, in one statement.
    public func acquireLease(_ name: String, owner: String, now: Date, duration: TimeInterval) throws -> Bool {
        let purpose = "taking lease \(name) for \(owner)"
        let nowMilliseconds = now.epochMilliseconds
        let until = nowMilliseconds + Int64((max(duration, 0) * 1000).rounded())

        return try write(purpose) { connection in
            try connection.query(
                """
                INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE leases.owner = excluded.owner OR leases.expires_at <= $4
                RETURNING name
                """,
                [.text(name), .text(owner), .integer(until), .integer(nowMilliseconds)],
                purpose: purpose
            ) { _ in true }.isEmpty == false
        }
    }
}
