import Foundation

/// The delivery state of one recipient of a broadcast.
public enum RecipientState: String, Sendable, Codable, CaseIterable {
    case queued
    /// Claimed for a send whose outcome is not recorded yet. After a crash such a row is never
    /// sent again; when its lease ends it becomes `failed` with reason `outcome_unknown`.
    case sending
    case sent
    /// Outside the platform's window; sent after the citizen's next message, until the expiry.
    case waiting
    case failed
    /// The citizen blocked the bot or the Official Account.
    case blocked
    case cancelled
}

/// One row of a broadcast's fixed recipient list.
public struct BroadcastRecipient: Sendable, Equatable {
    public var id: Int64
    public var broadcastID: Int64
    public var conversationID: ConversationID
    /// The commune of the subscription when the audience was fixed, for `{xa}`.
    public var commune: String
    public var state: RecipientState
    public var attempts: Int
    /// When the citizen last wrote on this channel, or nil when no message is stored.
    public var lastInboundAt: Date?

    public init(
        id: Int64, broadcastID: Int64, conversationID: ConversationID, commune: String, state: RecipientState,
        attempts: Int, lastInboundAt: Date? = nil
    ) {
        self.id = id
        self.broadcastID = broadcastID
        self.conversationID = conversationID
        self.commune = commune
        self.state = state
        self.attempts = attempts
        self.lastInboundAt = lastInboundAt
    }
}
