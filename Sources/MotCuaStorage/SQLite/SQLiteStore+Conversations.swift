import Foundation
import MotCuaCore

extension SQLiteStore {
    /// Saves a conversation changed outside event processing and queues `replies` to it, all or nothing.
    public func saveConversation(_ record: ConversationRecord, replies: [OutboundMessage], now: Date) throws {
        let purpose = "saving conversation \(record.id) with \(replies.count) replies"
        let messages = try replies.enumerated().map { index, reply in
            try StoredJSON.encode(reply, purpose: "reply \(index + 1) to conversation \(record.id)")
        }

        try write(purpose) { connection in
            try Self.saveConversation(record, connection: connection, purpose: purpose)
            for message in messages {
                try Self.appendReply(message, to: record.id, dueAt: now, connection: connection, purpose: purpose)
            }
        }
    }

    /// Queues one message to the conversation, due now, and returns its outbox id.
    public func queueMessage(_ message: OutboundMessage, to id: ConversationID, now: Date) throws -> Int64 {
        let purpose = "queueing a message to conversation \(id)"
        let data = try StoredJSON.encode(message, purpose: "message to conversation \(id)")

        return try write(purpose) { connection in
            try Self.appendReply(data, to: id, dueAt: now, connection: connection, purpose: purpose)
            return connection.lastInsertedRowID
        }
    }

    /// Returns the conversations in handoff, least recently active first.
    public func handoffConversations(limit: Int, offset: Int) throws -> [ConversationRecord] {
        // SQLite reads a negative LIMIT as no limit at all.
        guard limit > 0 else {
            return []
        }
        let purpose = "reading conversations in handoff"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT channel, user_id, state, updated_at FROM conversations
                WHERE handoff = 1
                ORDER BY updated_at, channel, user_id
                LIMIT ? OFFSET ?
                """,
                [.integer(Int64(limit)), .integer(Int64(max(offset, 0)))],
                purpose: purpose
            ) { row in
                let channelName = row.text(0) ?? ""
                guard let channel = ChannelKind(rawValue: channelName) else {
                    throw StorageError(.decodeFailed, "a conversation has unknown channel '\(channelName)'")
                }
                return ConversationRecord(
                    id: ConversationID(channel: channel, userID: row.text(1) ?? ""), state: row.blob(2) ?? Data(),
                    updatedAt: Date(epochMilliseconds: row.int64(3)), handoff: true)
            }
        }
    }
}
