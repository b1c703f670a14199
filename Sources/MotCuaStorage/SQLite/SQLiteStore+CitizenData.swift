import Foundation
import MotCuaCore

extension SQLiteStore {
    public func deleteCitizenData(_ id: ConversationID) throws -> CitizenDataDeletion {
        try write("deleting the data of conversation \(id)") { connection in
            try Self.deleteCitizenData(id, connection: connection)
        }
    }

    /// Deletes what the citizen sent and was sent in one conversation.
    ///
    /// NOTE: dossiers, reports and their status history are kept, because they are administrative
    /// records that the law on archives requires the authority to keep; Decree 13/2023/NĐ-CP allows
    /// keeping personal data that another law requires. Processed inbox rows keep their channel and
    /// event id with an empty payload and user id, so a redelivered event is still recognised as a
    /// duplicate. Pending inbox events and pending replies are kept until they are processed or
    /// delivered, and a later deletion removes them.
    static func deleteCitizenData(_ id: ConversationID, connection: SQLiteConnection) throws -> CitizenDataDeletion {
        let keys: [SQLiteValue] = [.text(id.channel.rawValue), .text(id.userID)]
        let purpose = "deleting the data of conversation \(id)"

        let conversations = try connection.run(
            "DELETE FROM conversations WHERE channel = ? AND user_id = ?", keys, purpose: purpose)
        let inboundEvents = try connection.run(
            """
            UPDATE inbox SET payload = X'', user_id = ''
            WHERE channel = ? AND user_id = ? AND processed_at IS NOT NULL
            """,
            keys, purpose: purpose)
        let outboxEntries = try connection.run(
            "DELETE FROM outbox WHERE channel = ? AND user_id = ? AND status <> 'pending'", keys, purpose: purpose)
        let subscriptions = try deleteSubscription(id, connection: connection)

        return CitizenDataDeletion(
            conversations: conversations, inboundEvents: inboundEvents, outboxEntries: outboxEntries,
            subscriptions: subscriptions)
    }
}
