/// The messaging platforms MotCua speaks to.
public enum ChannelKind: String, Sendable, Codable, CaseIterable, Hashable {
    case zalo
    case telegram
    case messenger
}

/// One citizen's conversation on one channel; `userID` is the platform's id, kept as a string
/// because Zalo ids can exceed 2^53.
public struct ConversationID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var channel: ChannelKind
    public var userID: String

    public init(channel: ChannelKind, userID: String) {
        self.channel = channel
        self.userID = userID
    }

    /// `channel:userID`, the form used as a storage key.
    public var description: String { "\(channel.rawValue):\(userID)" }
}

/// What the citizen sent, independent of the platform.
public enum InboundContent: Sendable, Equatable, Codable {
    case text(String)
    /// A button press or quick reply carrying the button's value.
    case button(String)
    case image(url: String, caption: String?)
    case file(url: String, name: String?)
    case location(latitude: Double, longitude: Double)
    case sticker(id: String)
    case follow
    case unfollow
    /// Fields the citizen shared through a platform form (Zalo `user_submit_info`).
    case submittedInfo([String: String])
    /// Content the bot cannot read, such as voice or video; `kind` names it.
    case unsupported(kind: String)
}

/// One event received from a platform, after decoding and signature checks.
public struct InboundEvent: Sendable, Equatable, Codable {
    public var channel: ChannelKind
    /// The platform's id for this delivery (Zalo `msg_id`); duplicates share it.
    public var eventID: String
    public var userID: String
    /// Platform timestamp in milliseconds since 1970.
    public var timestampMillis: Int64
    public var content: InboundContent

    public init(channel: ChannelKind, eventID: String, userID: String, timestampMillis: Int64, content: InboundContent)
    {
        self.channel = channel
        self.eventID = eventID
        self.userID = userID
        self.timestampMillis = timestampMillis
        self.content = content
    }

    public var conversationID: ConversationID { ConversationID(channel: channel, userID: userID) }
}
