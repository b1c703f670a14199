import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    /// Saves a conversation changed outside event processing and queues `replies` to it, all or nothing.
    public func saveConversation(_ record: ConversationRecord, replies: [OutboundMessage], now: Date) throws {
        let purpose = "saving conversation \(record.id) with \(replies.count) replies"
        let messages = try replies.enumerated().map { index, reply in
            try StoredJSON.encode(reply, purpose: "reply \(index + 1) to conversation \(record.id)")
        }

        try write(purpose) { connection in
            try Self.saveConversation(record, connection: connection, purpose: purpose)
            for message in messages {
                _ = try Self.appendReply(message, to: record.id, dueAt: now, connection: connection, purpose: purpose)
            }
        }
    }

    /// Queues one message to the conversation, due now, and returns its outbox id.
    public func queueMessage(_ message: OutboundMessage, to id: ConversationID, now: Date) throws -> Int64 {
        let purpose = "queueing a message to conversation \(id)"
        let data = try StoredJSON.encode(message, purpose: "message to conversation \(id)")

        return try write(purpose) { connection in
            try Self.appendReply(data, to: id, dueAt: now, connection: connection, purpose: purpose)
        }
    }

    /// Returns the conversations in handoff, least recently active first.
    public func handoffConversations(limit: Int, offset: Int) throws -> [ConversationRecord] {
        guard limit > 0 else {
            return []
        }
        let purpose = "reading conversations in handoff"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT channel, user_id, state, updated_at FROM conversations
                WHERE handoff
                ORDER BY updated_at, channel, user_id
                LIMIT $1 OFFSET $2
                """,
                [.integer(Int64(limit)), .integer(Int64(max(offset, 0)))],
                purpose: purpose
            ) { row in
                ConversationRecord(
                    id: ConversationID(
                        channel: try Self.channel(row.text(0), of: "a conversation"), userID: row.text(1) ?? ""),
                    state: row.blob(2) ?? Data(), updatedAt: Date(epochMilliseconds: row.int64(3)), handoff: true)
            }
        }
    }

    /// Deletes what the citizen sent and was sent in one conversation, by the SQLite store's rules.
    /// Dossiers, reports and their history are kept. Processed inbox rows keep their channel and
    /// event id with an empty payload and user id, so a redelivered event is still a duplicate.
    /// Pending events and replies are kept until they are handled.
    public func deleteCitizenData(_ id: ConversationID) throws -> CitizenDataDeletion {
        try write("deleting the data of conversation \(id)") { connection in
            try Self.deleteCitizenData(id, connection: connection)
        }
    }

    static func deleteCitizenData(_ id: ConversationID, connection: PostgresConnection) throws -> CitizenDataDeletion {
        let keys: [PostgresValue] = [.text(id.channel.rawValue), .text(id.userID)]
        let purpose = "deleting the data of conversation \(id)"

        let conversations = try connection.run(
            "DELETE FROM conversations WHERE channel = $1 AND user_id = $2", keys, purpose: purpose)
        let inboundEvents = try connection.run(
            """
            UPDATE inbox SET payload = ''::bytea, user_id = ''
            WHERE channel = $1 AND user_id = $2 AND processed_at IS NOT NULL
            """,
            keys, purpose: purpose)
        let outboxEntries = try connection.run(
            "DELETE FROM outbox WHERE channel = $1 AND user_id = $2 AND status <> 'pending'", keys, purpose: purpose)
        let subscriptions = try deleteSubscription(id, connection: connection)

        return CitizenDataDeletion(
            conversations: conversations, inboundEvents: inboundEvents, outboxEntries: outboxEntries,
            subscriptions: subscriptions)
    }
}
