import Foundation
import MotCuaCore

/// The settings of broadcasts, from the `broadcast.*` configuration keys.
public struct BroadcastSettings: Sendable, Equatable {
    public var rules = BroadcastRules()
    public var quietHours = QuietHours.vietnamNight
    public var window = BroadcastWindow()
    /// Sends per second per channel for broadcasts. Replies to live conversations use the outbox's
    /// own limits, so keep these below the platform's limit to leave room for them.
    public var perSecond: [ChannelKind: Double] = [.zalo: 50, .telegram: 25, .messenger: 40]
    /// Recipients claimed per round of the worker.
    public var batchSize = 50
    /// How long a `sending` claim lasts; it must exceed the outbound request timeout.
    public var leaseSeconds = 60.0
    public var maxAttempts = 5
    /// Seconds between the worker's rounds when it has nothing to send.
    public var idleSeconds = 0.5

    public init() {}
}
