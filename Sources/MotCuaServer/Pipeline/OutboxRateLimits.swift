import Foundation
import MotCuaCore

/// The send rates the outbox keeps to: one bucket per channel, shared by every recipient, and one
/// bucket per conversation. A reply counts as one send even when it goes out in several requests.
struct OutboxRateLimits: Sendable {
    /// A rate in sends per second and the number of sends allowed at once after an idle time.
    struct Limit: Sendable, Equatable {
        var perSecond: Double
        var burst: Double
    }

    /// Recipient buckets kept before full (idle) ones are dropped.
    static let maxRecipientBuckets = 10_000

    private var channels: [ChannelKind: RateLimiter]
    private let recipientLimit: Limit?
    private var recipients: [ConversationID: RateLimiter] = [:]

    /// `recipient` nil disables the per-recipient limit; a channel missing from `channels` is
    /// not limited.
    init(channels: [ChannelKind: Limit], recipient: Limit?) {
        self.channels = channels.mapValues { RateLimiter(ratePerSecond: $0.perSecond, burst: $0.burst) }
        self.recipientLimit = recipient
    }

    /// Takes a token from the channel's bucket and the recipient's bucket and returns 0, or returns
    /// the seconds until both have one and takes nothing.
    mutating func admit(_ conversation: ConversationID, now: Date) -> TimeInterval {
        let channel = conversation.channel
        var recipient = recipientLimit.map { limit in
            recipients[conversation] ?? RateLimiter(ratePerSecond: limit.perSecond, burst: limit.burst)
        }
        let wait = max(channels[channel]?.waitTime(now: now) ?? 0, recipient?.waitTime(now: now) ?? 0)
        guard wait == 0 else { return wait }

        _ = channels[channel]?.take(now: now)
        if recipient != nil {
            _ = recipient?.take(now: now)
            if recipients.count >= Self.maxRecipientBuckets {
                recipients = recipients.filter { !$0.value.isFull(now: now) }
            }
            recipients[conversation] = recipient
        }
        return 0
    }
}
