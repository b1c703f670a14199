import Foundation

/// Who receives a broadcast. Each non-empty list narrows the audience; all lists empty means every
/// subscriber. A subscriber with an empty commune subscribed for the whole province and is in
/// every commune's audience.
public struct BroadcastAudience: Sendable, Equatable, Codable {
    /// Commune names, compared without case and diacritics.
    public var communes: [String]
    /// Values from `Subscription.topics`; a subscriber needs at least one of them.
    public var topics: [String]
    public var channels: [ChannelKind]

    public init(communes: [String] = [], topics: [String] = [], channels: [ChannelKind] = []) {
        self.communes = communes
        self.topics = topics
        self.channels = channels
    }

    public var isEveryone: Bool { communes.isEmpty && topics.isEmpty && channels.isEmpty }

    /// Returns whether `subscription` belongs to this audience.
    public func includes(_ subscription: Subscription) -> Bool {
        if !channels.isEmpty, !channels.contains(subscription.conversationID.channel) {
            return false
        }
        if !topics.isEmpty, !subscription.topics.contains(where: topics.contains) {
            return false
        }
        if !communes.isEmpty, !subscription.commune.isEmpty {
            let commune = VietnameseText.foldKey(subscription.commune)
            return communes.contains { VietnameseText.foldKey($0) == commune }
        }
        return true
    }
}
