import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    /// Reads inbox events and outbox replies of one conversation as one list ordered by time. Rows
    /// with the same millisecond are ordered events first, then by their row number. Rows cleared
    /// by a citizen data deletion have an empty payload or no longer match the conversation.
    public func transcript(of id: ConversationID, before: TranscriptEntry.ID?, limit: Int) throws
        -> [TranscriptEntry]?
    {
        let purpose = "reading the transcript of conversation \(id)"
        let keys: [PostgresValue] = [.text(id.channel.rawValue), .text(id.userID)]

        return try read(purpose) { connection in
            guard try Self.conversationIsKnown(keys, connection: connection, purpose: purpose) else {
                return nil
            }
            guard limit > 0 else {
                return []
            }

            var bound: [PostgresValue] = [.integer(Int64.max), .integer(1), .integer(Int64.max)]
            if let before {
                let at = try Self.time(of: before, keys, connection: connection, purpose: purpose)
                bound = [.integer(at), .integer(before.direction == .inbound ? 0 : 1), .integer(before.rowID)]
            }

            let newestFirst = try connection.query(
                """
                SELECT direction, row_id, at, body, status FROM (
                    SELECT 0::bigint AS direction, sequence AS row_id, received_at AS at, payload AS body,
                        NULL::text AS status
                    FROM inbox WHERE channel = $1 AND user_id = $2 AND length(payload) > 0
                    UNION ALL
                    SELECT 1::bigint, id, created_at, message, status
                    FROM outbox WHERE channel = $1 AND user_id = $2
                ) AS messages
                WHERE (at, direction, row_id) < ($3, $4, $5)
                ORDER BY at DESC, direction DESC, row_id DESC
                LIMIT $6
                """,
                keys + bound + [.integer(Int64(limit))],
                purpose: purpose,
                read: Self.transcriptEntry)
            return newestFirst.reversed()
        }
    }

    /// True when the conversation has saved state, an event or a reply.
    private static func conversationIsKnown(
        _ keys: [PostgresValue], connection: PostgresConnection, purpose: String
    ) throws -> Bool {
        let found = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM conversations WHERE channel = $1 AND user_id = $2)
                OR EXISTS (SELECT 1 FROM inbox WHERE channel = $1 AND user_id = $2)
                OR EXISTS (SELECT 1 FROM outbox WHERE channel = $1 AND user_id = $2)
            """,
            keys, purpose: purpose
        ) { row in
            row.bool(0)
        }
        return found.first ?? false
    }

    /// Returns the time of the entry `id` in epoch milliseconds. Throws `notFound` unless the entry
    /// belongs to the conversation and still has its payload.
    private static func time(
        of id: TranscriptEntry.ID, _ keys: [PostgresValue], connection: PostgresConnection, purpose: String
    ) throws -> Int64 {
        let sql: String
        switch id.direction {
        case .inbound:
            sql = """
                SELECT received_at FROM inbox
                WHERE sequence = $3 AND channel = $1 AND user_id = $2 AND length(payload) > 0
                """
        case .outbound:
            sql = "SELECT created_at FROM outbox WHERE id = $3 AND channel = $1 AND user_id = $2"
        }
        let times = try connection.query(sql, keys + [.integer(id.rowID)], purpose: purpose) { row in
            row.int64(0)
        }
        guard let time = times.first else {
            throw StorageError(.notFound, "\(purpose) failed: the conversation has no message \(id)")
        }
        return time
    }

    private static func transcriptEntry(from row: PostgresRow) throws -> TranscriptEntry {
        let rowID = row.int64(1)
        let at = Date(epochMilliseconds: row.int64(2))

        guard row.int64(0) != 0 else {
            let event = try StoredJSON.decode(InboundEvent.self, from: row.blob(3), purpose: "event \(rowID)")
            return TranscriptEntry(
                id: TranscriptEntry.ID(direction: .inbound, rowID: rowID), at: at, content: .inbound(event.content))
        }

        let statusName = row.text(4) ?? ""
        guard let status = OutboxEntry.Status(rawValue: statusName) else {
            throw StorageError(.decodeFailed, "outbox entry \(rowID) has unknown status '\(statusName)'")
        }
        let message = try StoredJSON.decode(OutboundMessage.self, from: row.blob(3), purpose: "outbox entry \(rowID)")
        return TranscriptEntry(
            id: TranscriptEntry.ID(direction: .outbound, rowID: rowID), at: at,
            content: .outbound(message, status: status))
    }
}
