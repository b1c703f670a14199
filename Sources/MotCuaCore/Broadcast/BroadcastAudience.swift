import Foundation

/// The recipients of a broadcast. Each non-empty list narrows the audience, and with every list
/// empty the audience is every subscriber. A subscriber with an empty commune subscribed for the
/// whole province and is in every commune's audience.
public struct BroadcastAudience: Sendable, Equatable, Codable {
    /// Commune names. A name matches a subscription's commune with or without its unit word, case and
    /// diacritics ("Bình Hòa", "xa binh hoa" and "Xã Bình Hòa" are one commune), but two names with
    /// different unit words ("Xã Bình Hòa", "Phường Bình Hòa") never match.
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
            let commune = CommuneKey(subscription.commune)
            return communes.contains { Self.isSameCommune(CommuneKey($0), commune) }
        }
        return true
    }

    /// Compares two commune keys without their unit words, and compares the unit words only when both
    /// names have one.
    static func isSameCommune(_ first: CommuneKey, _ second: CommuneKey) -> Bool {
        guard !first.folded.isEmpty, first.folded == second.folded else { return false }
        guard let firstKind = first.kind, let secondKind = second.kind else { return true }
        return firstKind == secondKind
    }
}
