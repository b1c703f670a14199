import MotCuaCore

/// The result of decoding one Messenger webhook request, which can carry several items.
public struct MessengerWebhookBatch: Sendable, Equatable {
    /// Citizen events to store and process, in the order of `entry[]` and then `messaging[]`.
    public var events: [InboundEvent]
    /// Items acknowledged with HTTP 200 and not replied to, named by kind: `echo`, `delivery`,
    /// `read`, `standby`, or the key of an event this adapter does not handle (`reaction`, …).
    public var ignored: [String]

    public init(events: [InboundEvent] = [], ignored: [String] = []) {
        self.events = events
        self.ignored = ignored
    }
}
