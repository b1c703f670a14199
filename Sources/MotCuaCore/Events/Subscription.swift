import Foundation

/// A citizen's request to receive broadcasts on some topics, at most one per conversation.
public struct Subscription: Sendable, Equatable, Codable {
    /// The topic values a citizen may choose; broadcasts name one of them.
    public static let topics = ["thong-bao-chung", "y-te", "thien-tai", "thu-tuc-moi", "viec-lam"]

    public var conversationID: ConversationID
    /// The commune or ward name as the citizen gave it; empty means the whole province.
    public var commune: String
    /// Values from `Subscription.topics`, in that order.
    public var topics: [String]
    public var createdAt: Date

    public init(conversationID: ConversationID, commune: String, topics: [String], createdAt: Date) {
        self.conversationID = conversationID
        self.commune = commune
        self.topics = topics
        self.createdAt = createdAt
    }
}
