import Foundation

/// An announcement from officials to subscribed citizens, with its audience, schedule and state.
public struct Broadcast: Sendable, Equatable, Codable {
    public var id: Int64
    /// The text with placeholders such as `{xa}`; see `BroadcastText`.
    public var text: String
    public var imageURL: String?
    public var link: BroadcastLink?
    public var audience: BroadcastAudience
    /// When sending may start; nil starts as soon as the broadcast is approved.
    public var scheduledAt: Date?
    /// Recipients still waiting for the citizen's next message at this time are marked expired;
    /// nil keeps them waiting.
    public var expiresAt: Date?
    /// Bypasses quiet hours; only roles allowed by `BroadcastRules` may set it.
    public var emergency: Bool
    /// The official who created it, as `BroadcastActor.id`.
    public var createdBy: String
    public var approvedBy: String?
    public var state: BroadcastState
    public var createdAt: Date
    /// When the audience was fixed into recipients; nil before the broadcast started.
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(
        id: Int64, text: String, imageURL: String? = nil, link: BroadcastLink? = nil, audience: BroadcastAudience,
        scheduledAt: Date? = nil, expiresAt: Date? = nil, emergency: Bool = false, createdBy: String,
        approvedBy: String? = nil, state: BroadcastState, createdAt: Date, startedAt: Date? = nil,
        finishedAt: Date? = nil
    ) {
        self.id = id
        self.text = text
        self.imageURL = imageURL
        self.link = link
        self.audience = audience
        self.scheduledAt = scheduledAt
        self.expiresAt = expiresAt
        self.emergency = emergency
        self.createdBy = createdBy
        self.approvedBy = approvedBy
        self.state = state
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// A link button under a broadcast: `title` is shown, `url` opens.
public struct BroadcastLink: Sendable, Equatable, Codable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// The lifecycle of a broadcast. `completed` means nothing is queued or being sent; recipients
/// still waiting for their citizen's next message are sent later unless the broadcast is then
/// cancelled. `cancelled` is final.
public enum BroadcastState: String, Sendable, Codable, CaseIterable {
    case draft
    case awaitingApproval = "awaiting_approval"
    /// Approved, or created without approval; sending starts at the scheduled time.
    case scheduled
    case running
    case paused
    case completed
    case cancelled

    public var isFinal: Bool { self == .completed || self == .cancelled }
}
