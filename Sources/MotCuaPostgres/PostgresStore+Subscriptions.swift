import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    public func subscription(for id: ConversationID) throws -> Subscription? {
        let purpose = "reading the subscription of conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT channel, user_id, commune, topics, created_at FROM subscriptions
                WHERE channel = $1 AND user_id = $2
                """,
                [.text(id.channel.rawValue), .text(id.userID)], purpose: purpose, read: Self.subscription
            ).first
        }
    }

    public func subscriptions() throws -> [Subscription] {
        let purpose = "reading subscriptions"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT channel, user_id, commune, topics, created_at FROM subscriptions ORDER BY created_at, user_id",
                purpose: purpose, read: Self.subscription)
        }
    }

    /// Inserts the subscription or replaces the conversation's existing one, keeping its first `created_at`.
    static func saveSubscription(_ subscription: Subscription, connection: PostgresConnection) throws {
        let id = subscription.conversationID
        try connection.run(
            """
            INSERT INTO subscriptions (channel, user_id, commune, topics, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (channel, user_id) DO UPDATE SET commune = excluded.commune, topics = excluded.topics
            """,
            [
                .text(id.channel.rawValue), .text(id.userID), .text(subscription.commune),
                .text(subscription.topics.joined(separator: ",")), .integer(subscription.createdAt.epochMilliseconds),
            ],
            purpose: "saving the subscription of conversation \(id)")
    }

    static func deleteSubscription(_ id: ConversationID, connection: PostgresConnection) throws -> Int {
        try connection.run(
            "DELETE FROM subscriptions WHERE channel = $1 AND user_id = $2",
            [.text(id.channel.rawValue), .text(id.userID)],
            purpose: "deleting the subscription of conversation \(id)")
    }

    static func subscription(from row: PostgresRow) throws -> Subscription {
        let topics = (row.text(3) ?? "").split(separator: ",").map(String.init)
        return Subscription(
            conversationID: ConversationID(
                channel: try channel(row.text(0), of: "a subscription"), userID: row.text(1) ?? ""),
            commune: row.text(2) ?? "", topics: topics, createdAt: Date(epochMilliseconds: row.int64(4)))
    }
}
