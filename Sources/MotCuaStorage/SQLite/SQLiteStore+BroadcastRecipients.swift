import Foundation
import MotCuaCore

/// Broadcast recipients in SQLite. The SQL is kept close to what PostgreSQL accepts; the
/// SQLite-only parts are the numbered parameters (`?1`, reused within one statement), the untyped
/// `? IS NULL` test in `recipients`, `INDEXED BY` in `dueRecipients`, and dates stored as epoch
/// milliseconds in INTEGER columns.
extension SQLiteStore {
    /// The recipient columns plus the citizen's last message time, read with a correlated
    /// subquery on the `inbox_conversation` index.
    private static let recipientColumns = """
        r.id, r.broadcast_id, r.channel, r.user_id, r.commune, r.state, r.attempts,
        (SELECT MAX(i.received_at) FROM inbox AS i WHERE i.channel = r.channel AND i.user_id = r.user_id)
        """

    /// Reads the broadcasts with queued recipients first, then each one's queued recipients in id
    /// order through the `broadcast_recipients_broadcast` index, which returns rows by id within
    /// one broadcast and state. One query ordered across all broadcasts would sort every queued
    /// row on each call, which took about 25 ms with 100,000 queued rows.
    public func dueRecipients(now: Date, limit: Int) throws -> [BroadcastRecipient] {
        guard limit > 0 else { return [] }
        let purpose = "reading due broadcast recipients"
        return try read(purpose) { connection in
            let broadcasts = try connection.query(
                """
                SELECT b.id, b.emergency FROM broadcasts AS b
                WHERE b.state IN ('running', 'completed') AND EXISTS (
                    SELECT 1 FROM broadcast_recipients AS r WHERE r.broadcast_id = b.id AND r.state = 'queued')
                """,
                purpose: purpose
            ) { row in (id: row.int64(0), emergency: row.int64(1) != 0) }

            var due: [(emergency: Bool, recipient: BroadcastRecipient)] = []
            for broadcast in broadcasts {
                let recipients = try connection.query(
                    """
                    SELECT \(Self.recipientColumns) FROM broadcast_recipients AS r
                    INDEXED BY broadcast_recipients_broadcast
                    WHERE r.broadcast_id = ? AND r.state = 'queued' AND r.next_attempt_at <= ?
                    ORDER BY r.id LIMIT ?
                    """,
                    [.integer(broadcast.id), .integer(now.epochMilliseconds), .integer(Int64(limit))],
                    purpose: purpose, read: Self.recipient)
                due += recipients.map { (broadcast.emergency, $0) }
            }
            // Emergency broadcasts first, so quiet hours never hide them behind held-back rows.
            due.sort { first, second in
                first.emergency != second.emergency ? first.emergency : first.recipient.id < second.recipient.id
            }
            return due.prefix(limit).map(\.recipient)
        }
    }

    public func claimRecipients(
        sending: [Int64], waiting: [(id: Int64, reason: String)], now: Date, lease: TimeInterval
    ) throws -> Set<Int64> {
        let purpose = "claiming broadcast recipients"
        let claimedUntil = now.epochMilliseconds + Int64((max(lease, 0) * 1000).rounded())
        return try write(purpose) { connection in
            var claimed: Set<Int64> = []
            for id in sending {
                let changed = try connection.run(
                    """
                    UPDATE broadcast_recipients SET state = 'sending', claimed_until = ?, attempts = attempts + 1,
                        updated_at = ?
                    WHERE id = ? AND state = 'queued'
                    """,
                    [.integer(claimedUntil), .integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
                if changed == 1 { claimed.insert(id) }
            }
            for (id, reason) in waiting {
                try connection.run(
                    """
                    UPDATE broadcast_recipients SET state = 'waiting', reason = ?, updated_at = ?
                    WHERE id = ? AND state = 'queued'
                    """,
                    [.text(reason), .integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
            }
            return claimed
        }
    }

    @discardableResult
    public func recordRecipientOutcomes(_ outcomes: [RecipientOutcome], now: Date) throws -> Int {
        guard !outcomes.isEmpty else { return 0 }
        let purpose = "recording broadcast outcomes"
        let at = SQLiteValue.integer(now.epochMilliseconds)
        return try write(purpose) { connection in
            var recorded = 0
            for outcome in outcomes {
                let (sql, values): (String, [SQLiteValue])
                switch outcome {
                case .sent(let id):
                    sql = "SET state = 'sent', reason = NULL, sent_at = ?, updated_at = ?"
                    values = [at, at, .integer(id)]
                case .failed(let id, let reason):
                    sql = "SET state = 'failed', reason = ?, updated_at = ?"
                    values = [.text(reason), at, .integer(id)]
                case .blocked(let id, let reason):
                    sql = "SET state = 'blocked', reason = ?, updated_at = ?"
                    values = [.text(reason), at, .integer(id)]
                case .retry(let id, let next, let reason):
                    sql = "SET state = 'queued', reason = ?, next_attempt_at = ?, updated_at = ?"
                    values = [.text(reason), .integer(next.epochMilliseconds), at, .integer(id)]
                }
                recorded += try connection.run(
                    "UPDATE broadcast_recipients \(sql), claimed_until = NULL WHERE id = ? AND state = 'sending'",
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
                    updated_at = ?
                WHERE state = 'sending' AND claimed_until <= ?
                """,
                [.integer(now.epochMilliseconds), .integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func requeueAnsweredWaiting(now: Date) throws -> Int {
        let purpose = "queueing answered waiting recipients"
        return try write(purpose) { connection in
            try connection.run(
                """
                UPDATE broadcast_recipients SET state = 'queued', reason = NULL, next_attempt_at = ?1, updated_at = ?1
                WHERE state = 'waiting'
                    AND EXISTS (
                        SELECT 1 FROM broadcasts AS b WHERE b.id = broadcast_recipients.broadcast_id
                            AND b.state IN ('running', 'completed')
                            AND (b.expires_at IS NULL OR b.expires_at > ?1))
                    AND EXISTS (
                        SELECT 1 FROM inbox AS i
                        WHERE i.channel = broadcast_recipients.channel AND i.user_id = broadcast_recipients.user_id
                            AND i.received_at > broadcast_recipients.updated_at AND i.processed_at IS NOT NULL)
                    AND NOT EXISTS (
                        SELECT 1 FROM inbox AS i
                        WHERE i.channel = broadcast_recipients.channel AND i.user_id = broadcast_recipients.user_id
                            AND i.processed_at IS NULL)
                    AND NOT EXISTS (
                        SELECT 1 FROM outbox AS o
                        WHERE o.channel = broadcast_recipients.channel AND o.user_id = broadcast_recipients.user_id
                            AND o.status = 'pending')
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func expireWaitingRecipients(now: Date) throws -> Int {
        let purpose = "expiring waiting recipients"
        return try write(purpose) { connection in
            try connection.run(
                """
                UPDATE broadcast_recipients SET state = 'failed', reason = 'expired', updated_at = ?1
                WHERE state = 'waiting' AND EXISTS (
                    SELECT 1 FROM broadcasts AS b WHERE b.id = broadcast_recipients.broadcast_id
                        AND b.expires_at IS NOT NULL AND b.expires_at <= ?1)
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose)
        }
    }

    public func recipientCounts(broadcastID: Int64, now: Date) throws -> RecipientCounts {
        let purpose = "counting recipients of broadcast \(broadcastID)"
        return try read(purpose) { connection in
            var counts = RecipientCounts()
            let states = try connection.query(
                "SELECT state, COUNT(*) FROM broadcast_recipients WHERE broadcast_id = ? GROUP BY state",
                [.integer(broadcastID)], purpose: purpose
            ) { row in (row.text(0) ?? "", Int(row.int64(1))) }
            for (name, count) in states {
                if let state = RecipientState(rawValue: name) { counts.byState[state] = count }
            }
            let reasons = try connection.query(
                """
                SELECT reason, COUNT(*) FROM broadcast_recipients
                WHERE broadcast_id = ? AND state IN ('failed', 'blocked') GROUP BY reason
                """,
                [.integer(broadcastID)], purpose: purpose
            ) { row in (row.text(0) ?? "unknown", Int(row.int64(1))) }
            for (reason, count) in reasons { counts.reasons[reason, default: 0] += count }
            counts.sentLastMinute =
                try connection.query(
                    "SELECT COUNT(*) FROM broadcast_recipients WHERE broadcast_id = ? AND state = 'sent' AND sent_at > ?",
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
                WHERE r.broadcast_id = ? AND (? IS NULL OR r.state = ?) ORDER BY r.id LIMIT ?
                """,
                [
                    .integer(broadcastID), .text(state?.rawValue), .text(state?.rawValue),
                    .integer(Int64(max(limit, 0))),
                ],
                purpose: purpose, read: Self.recipient)
        }
    }

    public func audienceMembers(_ audience: BroadcastAudience) throws -> [AudienceMember] {
        let purpose = "reading a broadcast audience"
        return try read(purpose) { connection in
            let subscriptions = try connection.query(
                "SELECT channel, user_id, commune, topics, created_at FROM subscriptions ORDER BY created_at, user_id",
                purpose: purpose, read: Self.subscription)
            return try subscriptions.filter(audience.includes).map { subscription in
                let id = subscription.conversationID
                let last =
                    try connection.query(
                        "SELECT MAX(received_at) FROM inbox WHERE channel = ? AND user_id = ?",
                        [.text(id.channel.rawValue), .text(id.userID)], purpose: purpose
                    ) { $0.optionalInt64(0) }.first ?? nil
                return AudienceMember(
                    subscription: subscription, lastInboundAt: last.map(Date.init(epochMilliseconds:)))
            }
        }
    }

    public func hasDueReplies(now: Date) throws -> Bool {
        let purpose = "checking for due replies"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1",
                [.integer(now.epochMilliseconds)], purpose: purpose
            ) { _ in true }.first ?? false
        }
    }

    /// Inserts or replaces subscriptions in one transaction, for seeding a store in tests and
    /// for importing subscribers from another system.
    public func importSubscriptions(_ subscriptions: [Subscription]) throws {
        try write("importing subscriptions") { connection in
            for subscription in subscriptions {
                try Self.saveSubscription(subscription, connection: connection)
            }
        }
    }

    private static func recipient(from row: SQLiteStatement) throws -> BroadcastRecipient {
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
