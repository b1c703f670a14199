import Foundation
import MotCuaCore

extension SQLiteStore {
    static let broadcastColumns = """
        id, text, image_url, link_title, link_url, audience, scheduled_at, expires_at, emergency, created_by, \
        approved_by, state, created_at, started_at, finished_at
        """

    public func createBroadcast(_ broadcast: Broadcast) throws -> Int64 {
        let purpose = "creating a broadcast"
        let audience = try StoredJSON.encode(broadcast.audience, purpose: "broadcast audience")

        return try write(purpose) { connection in
            try connection.run(
                """
                INSERT INTO broadcasts (text, image_url, link_title, link_url, audience, scheduled_at, expires_at,
                    emergency, created_by, approved_by, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(broadcast.text), .text(broadcast.imageURL), .text(broadcast.link?.title),
                    .text(broadcast.link?.url), .text(String(decoding: audience, as: UTF8.self)),
                    .integer(broadcast.scheduledAt?.epochMilliseconds),
                    .integer(broadcast.expiresAt?.epochMilliseconds),
                    .integer(broadcast.emergency ? 1 : 0), .text(broadcast.createdBy), .text(broadcast.approvedBy),
                    .text(broadcast.state.rawValue), .integer(broadcast.createdAt.epochMilliseconds),
                ],
                purpose: purpose)
            return connection.lastInsertedRowID
        }
    }

    public func broadcast(id: Int64) throws -> Broadcast? {
        let purpose = "reading broadcast \(id)"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.broadcastColumns) FROM broadcasts WHERE id = ?", [.integer(id)], purpose: purpose,
                read: Self.broadcast
            ).first
        }
    }

    public func broadcasts(limit: Int, offset: Int) throws -> [Broadcast] {
        let purpose = "listing broadcasts"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.broadcastColumns) FROM broadcasts ORDER BY id DESC LIMIT ? OFFSET ?",
                [.integer(Int64(max(limit, 0))), .integer(Int64(max(offset, 0)))], purpose: purpose,
                read: Self.broadcast)
        }
    }

    public func updateBroadcastState(
        id: Int64, from: BroadcastState, to: BroadcastState, approvedBy: String?, now: Date
    ) throws -> Bool {
        let purpose = "changing broadcast \(id) from \(from.rawValue) to \(to.rawValue)"
        return try write(purpose) { connection in
            try Self.setState(id, from: from, to: to, approvedBy: approvedBy, now: now, connection, purpose: purpose)
        }
    }

    public func cancelBroadcast(id: Int64, from: BroadcastState, now: Date) throws -> Bool {
        let purpose = "cancelling broadcast \(id)"
        return try write(purpose) { connection in
            guard
                try Self.setState(
                    id, from: from, to: .cancelled, approvedBy: nil, now: now, connection, purpose: purpose)
            else { return false }
            try connection.run(
                """
                UPDATE broadcast_recipients SET state = 'cancelled', claimed_until = NULL, updated_at = ?
                WHERE broadcast_id = ? AND state IN ('queued', 'waiting')
                """,
                [.integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
            return true
        }
    }

    public func dueBroadcasts(now: Date) throws -> [Broadcast] {
        let purpose = "reading due broadcasts"
        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.broadcastColumns) FROM broadcasts
                WHERE state = 'scheduled' AND (scheduled_at IS NULL OR scheduled_at <= ?) ORDER BY id
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose, read: Self.broadcast)
        }
    }

    /// Reads every subscription and filters it with `BroadcastAudience.includes`, inside the same
    /// transaction as the inserts, so a citizen who stops announcements during the start is either
    /// fully in or fully out.
    public func startBroadcast(id: Int64, now: Date) throws -> Int? {
        let purpose = "starting broadcast \(id)"
        return try write(purpose) { connection in
            guard
                let broadcast = try connection.query(
                    "SELECT \(Self.broadcastColumns) FROM broadcasts WHERE id = ?", [.integer(id)], purpose: purpose,
                    read: Self.broadcast
                ).first, broadcast.state == .scheduled
            else { return nil }

            let subscriptions = try connection.query(
                "SELECT channel, user_id, commune, topics, created_at FROM subscriptions ORDER BY created_at, user_id",
                purpose: purpose, read: Self.subscription)
            var count = 0
            for subscription in subscriptions where broadcast.audience.includes(subscription) {
                count += try connection.run(
                    """
                    INSERT INTO broadcast_recipients (broadcast_id, channel, user_id, commune, state, attempts,
                        next_attempt_at, updated_at)
                    VALUES (?, ?, ?, ?, 'queued', 0, ?, ?)
                    ON CONFLICT (broadcast_id, channel, user_id) DO NOTHING
                    """,
                    [
                        .integer(id), .text(subscription.conversationID.channel.rawValue),
                        .text(subscription.conversationID.userID), .text(subscription.commune),
                        .integer(now.epochMilliseconds), .integer(now.epochMilliseconds),
                    ],
                    purpose: purpose)
            }
            try connection.run(
                "UPDATE broadcasts SET state = 'running', started_at = ? WHERE id = ?",
                [.integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
            return count
        }
    }

    public func completeFinishedBroadcasts(now: Date) throws -> [Int64] {
        let purpose = "completing finished broadcasts"
        return try write(purpose) { connection in
            let ids = try connection.query(
                """
                SELECT id FROM broadcasts AS b WHERE state = 'running' AND NOT EXISTS (
                    SELECT 1 FROM broadcast_recipients AS r
                    WHERE r.broadcast_id = b.id AND r.state IN ('queued', 'sending'))
                """,
                purpose: purpose
            ) { $0.int64(0) }
            for id in ids {
                try connection.run(
                    "UPDATE broadcasts SET state = 'completed', finished_at = ? WHERE id = ?",
                    [.integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
            }
            return ids
        }
    }

    static func setState(
        _ id: Int64, from: BroadcastState, to: BroadcastState, approvedBy: String?, now: Date,
        _ connection: SQLiteConnection, purpose: String
    ) throws -> Bool {
        let finishedAt: Int64? = to.isFinal ? now.epochMilliseconds : nil
        let changed = try connection.run(
            """
            UPDATE broadcasts SET state = ?, approved_by = COALESCE(?, approved_by),
                finished_at = COALESCE(?, finished_at)
            WHERE id = ? AND state = ?
            """,
            [.text(to.rawValue), .text(approvedBy), .integer(finishedAt), .integer(id), .text(from.rawValue)],
            purpose: purpose)
        return changed == 1
    }

    static func broadcast(from row: SQLiteStatement) throws -> Broadcast {
        let id = row.int64(0)
        let audience = try StoredJSON.decode(
            BroadcastAudience.self, from: row.text(5).map { Data($0.utf8) }, purpose: "audience of broadcast \(id)")
        let stateName = row.text(11) ?? ""
        guard let state = BroadcastState(rawValue: stateName) else {
            throw StorageError(.decodeFailed, "broadcast \(id) has unknown state '\(stateName)'")
        }
        var link: BroadcastLink?
        if let title = row.text(3), let url = row.text(4) { link = BroadcastLink(title: title, url: url) }
        return Broadcast(
            id: id, text: row.text(1) ?? "", imageURL: row.text(2), link: link, audience: audience,
            scheduledAt: row.optionalInt64(6).map(Date.init(epochMilliseconds:)),
            expiresAt: row.optionalInt64(7).map(Date.init(epochMilliseconds:)), emergency: row.int64(8) != 0,
            createdBy: row.text(9) ?? "", approvedBy: row.text(10), state: state,
            createdAt: Date(epochMilliseconds: row.int64(12)),
            startedAt: row.optionalInt64(13).map(Date.init(epochMilliseconds:)),
            finishedAt: row.optionalInt64(14).map(Date.init(epochMilliseconds:)))
    }
}
