import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    static let broadcastColumns = """
        id, text, image_url, link_title, link_url, audience, scheduled_at, expires_at, emergency, created_by, \
        approved_by, state, created_at, started_at, finished_at
        """

    public func createBroadcast(_ broadcast: Broadcast) throws -> Int64 {
        let purpose = "creating a broadcast"
        let audience = try StoredJSON.encode(broadcast.audience, purpose: "broadcast audience")

        return try write(purpose) { connection in
            let ids = try connection.query(
                """
                INSERT INTO broadcasts (text, image_url, link_title, link_url, audience, scheduled_at, expires_at,
                    emergency, created_by, approved_by, state, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                RETURNING id
                """,
                [
                    .text(broadcast.text), .text(broadcast.imageURL), .text(broadcast.link?.title),
                    .text(broadcast.link?.url), .text(String(decoding: audience, as: UTF8.self)),
                    .integer(broadcast.scheduledAt?.epochMilliseconds),
                    .integer(broadcast.expiresAt?.epochMilliseconds),
                    .boolean(broadcast.emergency), .text(broadcast.createdBy), .text(broadcast.approvedBy),
                    .text(broadcast.state.rawValue), .integer(broadcast.createdAt.epochMilliseconds),
                ],
                purpose: purpose
            ) { $0.int64(0) }
            guard let id = ids.first else {
                throw StorageError(.queryFailed, "inserting a broadcast returned no id")
            }
            return id
        }
    }

    public func broadcast(id: Int64) throws -> Broadcast? {
        let purpose = "reading broadcast \(id)"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.broadcastColumns) FROM broadcasts WHERE id = $1", [.integer(id)], purpose: purpose,
                read: Self.broadcast
            ).first
        }
    }

    public func broadcasts(limit: Int, offset: Int) throws -> [Broadcast] {
        let purpose = "listing broadcasts"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.broadcastColumns) FROM broadcasts ORDER BY id DESC LIMIT $1 OFFSET $2",
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

            // The UPDATE waits for rows another instance is claiming at this moment and then rechecks
            // their state, so a recipient just moved to `sending` keeps its outcome.
            try connection.run(
                """
                UPDATE broadcast_recipients SET state = 'cancelled', claimed_until = NULL, updated_at = $1
                WHERE broadcast_id = $2 AND state IN ('queued', 'waiting')
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
                WHERE state = 'scheduled' AND (scheduled_at IS NULL OR scheduled_at <= $1) ORDER BY id
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose, read: Self.broadcast)
        }
    }

    /// Locks the broadcast row first, so an instance starting the same broadcast at the same time
    /// waits and then finds it `running`. The subscriptions come from one snapshot and are filtered
    /// with `BroadcastAudience.includes`, and one statement inserts every recipient.
    public func startBroadcast(id: Int64, now: Date) throws -> Int? {
        let purpose = "starting broadcast \(id)"
        return try write(purpose) { connection in
            guard
                let broadcast = try connection.query(
                    "SELECT \(Self.broadcastColumns) FROM broadcasts WHERE id = $1 FOR UPDATE", [.integer(id)],
                    purpose: purpose, read: Self.broadcast
                ).first, broadcast.state == .scheduled
            else { return nil }

            let subscriptions = try connection.query(
                "SELECT channel, user_id, commune, topics, created_at FROM subscriptions ORDER BY created_at, user_id",
                purpose: purpose, read: Self.subscription
            ).filter(broadcast.audience.includes)

            let count = try connection.run(
                """
                INSERT INTO broadcast_recipients (broadcast_id, channel, user_id, commune, state, attempts,
                    next_attempt_at, updated_at)
                SELECT $1, audience.channel, audience.user_id, audience.commune, 'queued', 0, $5, $5
                FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                    AS audience (channel, user_id, commune, position)
                ORDER BY audience.position
                ON CONFLICT (broadcast_id, channel, user_id) DO NOTHING
                """,
                [
                    .integer(id), .textArray(subscriptions.map(\.conversationID.channel.rawValue)),
                    .textArray(subscriptions.map(\.conversationID.userID)), .textArray(subscriptions.map(\.commune)),
                    .integer(now.epochMilliseconds),
                ],
                purpose: purpose)
            try connection.run(
                "UPDATE broadcasts SET state = 'running', started_at = $1 WHERE id = $2",
                [.integer(now.epochMilliseconds), .integer(id)], purpose: purpose)
            return count
        }
    }

    public func completeFinishedBroadcasts(now: Date) throws -> [Int64] {
        let purpose = "completing finished broadcasts"
        return try write(purpose) { connection in
            try connection.query(
                """
                UPDATE broadcasts AS b SET state = 'completed', finished_at = $1
                WHERE state = 'running' AND NOT EXISTS (
                    SELECT 1 FROM broadcast_recipients AS r
                    WHERE r.broadcast_id = b.id AND r.state IN ('queued', 'sending'))
                RETURNING id
                """,
                [.integer(now.epochMilliseconds)], purpose: purpose
            ) { $0.int64(0) }.sorted()
        }
    }

    static func setState(
        _ id: Int64, from: BroadcastState, to: BroadcastState, approvedBy: String?, now: Date,
        _ connection: PostgresConnection, purpose: String
    ) throws -> Bool {
        let finishedAt: Int64? = to.isFinal ? now.epochMilliseconds : nil
        let changed = try connection.run(
            """
            UPDATE broadcasts SET state = $1, approved_by = COALESCE($2, approved_by),
                finished_at = COALESCE($3, finished_at)
            WHERE id = $4 AND state = $5
            """,
            [.text(to.rawValue), .text(approvedBy), .integer(finishedAt), .integer(id), .text(from.rawValue)],
            purpose: purpose)
        return changed == 1
    }

    static func broadcast(from row: PostgresRow) throws -> Broadcast {
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
            expiresAt: row.optionalInt64(7).map(Date.init(epochMilliseconds:)), emergency: row.bool(8),
            createdBy: row.text(9) ?? "", approvedBy: row.text(10), state: state,
            createdAt: Date(epochMilliseconds: row.int64(12)),
            startedAt: row.optionalInt64(13).map(Date.init(epochMilliseconds:)),
            finishedAt: row.optionalInt64(14).map(Date.init(epochMilliseconds:)))
    }
}
