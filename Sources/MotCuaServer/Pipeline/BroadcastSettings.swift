import Foundation
import MotCuaCore

/// The settings of broadcasts, from the `broadcast.*` configuration keys.
public struct BroadcastSettings: Sendable, Equatable {
    public var rules = BroadcastRules()
    public var quietHours = QuietHours.vietnamNight
    public var window = BroadcastWindow()
    /// Sends per second per channel for broadcasts. Replies to live conversations use the outbox's
    /// own buckets, so these defaults stay well below the platforms' limits (Zalo 4,000 requests a
    /// minute, Telegram about 30 messages a second) to leave room for replies.
    /// NOTE: the two buckets are separate, so when replies run at their own maximum at the same
    /// time, the sum can pass the platform's limit; the platform then returns rate-limit
    /// errors, which both senders retry.
    public var perSecond: [ChannelKind: Double] = [.zalo: 40, .telegram: 20, .messenger: 25]
    /// Recipients claimed per round of the worker.
    public var batchSize = 50
    /// How long a `sending` claim lasts; it must exceed the outbound request timeout.
    public var leaseSeconds = 60.0
    public var maxAttempts = 5
    /// Rounds in a row the worker skips sending while replies to conversations are due, before it
    /// sends a batch anyway so a busy outbox cannot stop a broadcast.
    public var maxYieldRounds = 10
    /// Seconds between the worker's rounds when it has nothing to send.
    public var idleSeconds = 0.5

    public init() {}
}
