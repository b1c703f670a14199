import Foundation
import MotCuaCore
import MotCuaStorage

/// Broadcast recipients in PostgreSQL, with the same statements as the SQLite store where the
/// dialects agree. Claims lock rows with FOR UPDATE SKIP LOCKED, so instances claiming at the
/// same moment neither wait for each other nor move the same recipient.
extension PostgresStore {
    /// The recipient columns plus the citizen's last message time, read with a correlated
    /// subquery on the `inbox_conversation` index.
    private static let recipientColumns = """
        r.id, r.broadcast_id, r.channel, r.user_id, r.commune, r.state, r.attempts,
        (SELECT MAX(i.received_at) FROM inbox AS i WHERE i.channel = r.channel AND i.user_id = r.user_id)
        """

    public func dueRecipients(now: Date, limit: Int) throws -> [BroadcastRecipient] {
        guard limit > 0 else { return [] }
        let purpose = "reading due broadcast recipients"
        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.recipientColumns) FROM broadcast_recipients AS r
                JOIN broadcasts AS b ON b.id = r.broadcast_id
                WHERE r.state = 'queued' AND r.next_attempt_at <= $1 AND b.state IN ('running', 'completed')
                ORDER BY b.emergency DESC, r.id LIMIT $2
                """,
                [.integer(now.epochMilliseconds), .integer(Int64(limit))], purpose: purpose, read: Self.recipient)
        }
    }

    /// Skips a row that another transaction has locked. That transaction is claiming or finishing
    /// the recipient, and when it rolls back instead, the row stays queued for a later call.
    public func claimRecipients(
        sending: [Int64], waiting: [(id: Int64, reason: String)], now: Date, lease: TimeInterval
    ) throws -> Set<Int64> {
        let purpose = "claiming broadcast recipients"
        let claimedUntil = now.epochMilliseconds + Int64((max(lease, 0) * 1000).rounded())
        return try write(purpose) { connection in
            var claimed: Set<Int64> = []
            if !sending.isEmpty {
                let ids = try connection.query(
                    """
                    UPDATE broadcast_recipients SET state = 'sending', claimed_until = $2, attempts = attempts + 1,
                        updated_at = $3
                    WHERE id IN (
                        SELECT id FROM broadcast_recipients
                        WHERE id = ANY($1) AND state = 'queued'
                        ORDER BY id
                        FOR UPDATE SKIP LOCKED)
                    RETURNING id
                    """,
                    [.integerArray(sending), .integer(claimedUntil), .integer(now.epochMilliseconds)],
                    purpose: purpose
                ) { $0.int64(0) }
                claimed.formUnion(ids)
            }
            if !waiting.isEmpty {
                try connection.run(
                    """
                    UPDATE broadcast_recipients AS r SET state = 'waiting', reason = waiting.reason, updated_at = $3
                    FROM unnest($1::bigint[], $2::text[]) AS waiting (id, reason)
                    WHERE r.id = waiting.id AND r.id IN (
                        SELECT id FROM broadcast_recipients
                        WHERE id = ANY($1) AND state = 'queued'
                        ORDER BY id
                        FOR UPDATE SKIP LOCKED)
                    """,
                    [
                        .integerArray(waiting.map(\.id)), .textArray(waiting.map(\.reason)),
                        .integer(now.epochMilliseconds),
                    ],
                    purpose: purpose)
            }
            return claimed
        }
    }

    @discardableResult
    public func recordRecipientOutcomes(_ outcomes: [RecipientOutcome], now: Date) throws -> Int {
        guard !outcomes.isEmpty else { return 0 }
        let purpose = "recording broadcast outcomes"
        let at = PostgresValue.integer(now.epochMilliseconds)
        return try write(purpose) { connection in
            var recorded = 0
            for outcome in outcomes {
                let (assignments, values): (String, [PostgresValue])
                switch outcome {
                case .sent(let id):
                    assignments = "state = 'sent', reason = NULL, sent_at = $2, updated_at = $2"
                    values = [.integer(id), at]
                case .failed(let id, let reason):
                    assignments = "state = 'failed', reason = $3, updated_at = $2"
                    values = [.integer(id), at, .text(reason)]
                case .blocked(let id, let reason):
                    assignments = "state = 'blocked', reason = $3, updated_at = $2"
                    values = [.integer(id), at, .text(reason)]
                case .retry(let id, let next, let reason):
                    assignments = "state = 'queued', reason = $3, next_attempt_at = $4, updated_at = $2"
                    values = [.integer(id), at, .text(reason), .integer(next.epochMilliseconds)]
                }
                recorded += try connection.run(
                    """
                    UPDATE broadcast_recipients SET \(assignments), claimed_until = NULL
                    WHERE id = $1 AND state = 'sending'
                    """,
                    values, purpose: purpose)
            }
            return recorded
        }
    }

    public func failUnfinishedSends(now: Date) throws -> Int {
        let purpose = "failing unfinished broadcast sends"
        return try write(purpose) { connection in
            try connection.run(
                """
                UPDATE broadcast_recipients SET state = 'failed', reason = 'outcome_unknown', claimed_until = NULL,
                    updated_at = $1
                WHERE state = 'sending' AND claimed_until <= $1
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func requeueAnsweredWaiting(now: Date) throws -> Int {
        let purpose = "queueing answered waiting recipients"
        return try write(purpose) { connection in
            try connection.run(
                """
                UPDATE broadcast_recipients AS r SET state = 'queued', reason = NULL, next_attempt_at = $1,
                    updated_at = $1
                WHERE r.state = 'waiting'
                    AND EXISTS (
                        SELECT 1 FROM broadcasts AS b WHERE b.id = r.broadcast_id
                            AND b.state IN ('running', 'completed')
                            AND (b.expires_at IS NULL OR b.expires_at > $1))
                    AND EXISTS (
                        SELECT 1 FROM inbox AS i
                        WHERE i.channel = r.channel AND i.user_id = r.user_id
                            AND i.received_at > r.updated_at AND i.processed_at IS NOT NULL)
                    AND NOT EXISTS (
                        SELECT 1 FROM inbox AS i
                        WHERE i.channel = r.channel AND i.user_id = r.user_id AND i.processed_at IS NULL)
                    AND NOT EXISTS (
                        SELECT 1 FROM outbox AS o
                        WHERE o.channel = r.channel AND o.user_id = r.user_id AND o.status = 'pending')
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func expireWaitingRecipients(now: Date) throws -> Int {
        let purpose = "expiring waiting recipients"
        return try write(purpose) { connection in
            try connection.run(
                """
                UPDATE broadcast_recipients AS r SET state = 'failed', reason = 'expired', updated_at = $1
                WHERE r.state = 'waiting' AND EXISTS (
                    SELECT 1 FROM broadcasts AS b WHERE b.id = r.broadcast_id
                        AND b.expires_at IS NOT NULL AND b.expires_at <= $1)
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func recipientCounts(broadcastID: Int64, now: Date) throws -> RecipientCounts {
        let purpose = "counting recipients of broadcast \(broadcastID)"
        return try read(purpose) { connection in
            var counts = RecipientCounts()
            let states = try connection.query(
                "SELECT state, COUNT(*) FROM broadcast_recipients WHERE broadcast_id = $1 GROUP BY state",
                [.integer(broadcastID)], purpose: purpose
            ) { row in (row.text(0) ?? "", Int(row.int64(1))) }
            for (name, count) in states {
                if let state = RecipientState(rawValue: name) { counts.byState[state] = count }
            }

            let reasons = try connection.query(
                """
                SELECT reason, COUNT(*) FROM broadcast_recipients
                WHERE broadcast_id = $1 AND state IN ('failed', 'blocked') GROUP BY reason
                """,
                [.integer(broadcastID)], purpose: purpose
            ) { row in (row.text(0) ?? "unknown", Int(row.int64(1))) }
            for (reason, count) in reasons { counts.reasons[reason, default: 0] += count }

            counts.sentLastMinute =
                try connection.query(
                    """
                    SELECT COUNT(*) FROM broadcast_recipients
                    WHERE broadcast_id = $1 AND state = 'sent' AND sent_at > $2
                    """,
                    [.integer(broadcastID), .integer(now.epochMilliseconds - 60_000)], purpose: purpose
                ) { Int($0.int64(0)) }.first ?? 0
            return counts
        }
    }

    public func recipients(broadcastID: Int64, state: RecipientState?, limit: Int) throws -> [BroadcastRecipient] {
        let purpose = "listing recipients of broadcast \(broadcastID)"
        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.recipientColumns) FROM broadcast_recipients AS r
                WHERE r.broadcast_id = $1 AND ($2::text IS NULL OR r.state = $2::text) ORDER BY r.id LIMIT $3
                """,
                [.integer(broadcastID), .text(state?.rawValue), .integer(Int64(max(limit, 0)))],
                purpose: purpose, read: Self.recipient)
        }
    }

    /// Reads each subscriber's last message time in the same statement as the subscriptions, so
    /// the audience costs one round trip to the server.
    public func audienceMembers(_ audience: BroadcastAudience) throws -> [AudienceMember] {
        let purpose = "reading a broadcast audience"
        return try read(purpose) { connection in
            let rows = try connection.query(
                """
                SELECT s.channel, s.user_id, s.commune, s.topics, s.created_at,
                    (SELECT MAX(i.received_at) FROM inbox AS i WHERE i.channel = s.channel AND i.user_id = s.user_id)
                FROM subscriptions AS s ORDER BY s.created_at, s.user_id
                """,
                purpose: purpose
            ) { row in
                AudienceMember(
                    subscription: try Self.subscription(from: row),
                    lastInboundAt: row.optionalInt64(5).map(Date.init(epochMilliseconds:)))
            }
            return rows.filter { audience.includes($0.subscription) }
        }
    }

    public func hasDueReplies(now: Date) throws -> Bool {
        let purpose = "checking for due replies"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 LIMIT 1",
                [.integer(now.epochMilliseconds)], purpose: purpose
            ) { _ in true }.first ?? false
        }
    }

    private static func recipient(from row: PostgresRow) throws -> BroadcastRecipient {
        let id = row.int64(0)
        let channelName = row.text(2) ?? ""
        guard let channel = ChannelKind(rawValue: channelName) else {
            throw StorageError(.decodeFailed, "broadcast recipient \(id) has unknown channel '\(channelName)'")
        }
        let stateName = row.text(5) ?? ""
        guard let state = RecipientState(rawValue: stateName) else {
            throw StorageError(.decodeFailed, "broadcast recipient \(id) has unknown state '\(stateName)'")
        }
        return BroadcastRecipient(
            id: id, broadcastID: row.int64(1),
            conversationID: ConversationID(channel: channel, userID: row.text(3) ?? ""),
            commune: row.text(4) ?? "", state: state, attempts: Int(row.int64(6)),
            lastInboundAt: row.optionalInt64(7).map(Date.init(epochMilliseconds:)))
    }
}
