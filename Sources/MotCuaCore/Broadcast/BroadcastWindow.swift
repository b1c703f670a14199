import Foundation

/// Whether a broadcast may go to one recipient now, from the platform's messaging window.
public enum WindowDecision: Sendable, Equatable {
    case sendNow
    /// The window is closed; the announcement waits for the citizen's next message.
    case waitForMessage(reason: String)
    /// The announcement can never reach this recipient.
    case never(reason: String)
}

/// The messaging windows of the platforms: Zalo accepts consultation messages for 7 days after the
/// citizen's last interaction, Messenger standard messages for 24 hours, and Telegram has none.
public struct BroadcastWindow: Sendable, Equatable {
    public var zaloSeconds: TimeInterval
    public var messengerSeconds: TimeInterval

    public init(zaloSeconds: TimeInterval = 7 * 86_400, messengerSeconds: TimeInterval = 24 * 3_600) {
        self.zaloSeconds = zaloSeconds
        self.messengerSeconds = messengerSeconds
    }

    /// Decides for a recipient on `channel` whose last message arrived at `lastInbound` (nil when
    /// none is stored). `expiresAt` is the broadcast's expiry for waiting recipients.
    public func decide(
        channel: ChannelKind, lastInbound: Date?, now: Date, expiresAt: Date?, channelEnabled: Bool = true
    ) -> WindowDecision {
        guard channelEnabled else { return .never(reason: "channel_disabled") }
        let window: TimeInterval
        switch channel {
        case .telegram:
            return .sendNow
        case .zalo:
            window = zaloSeconds
        case .messenger:
            window = messengerSeconds
        }
        if let lastInbound, now.timeIntervalSince(lastInbound) <= window {
            return .sendNow
        }
        if let expiresAt, expiresAt <= now {
            return .never(reason: "expired")
        }
        return .waitForMessage(reason: channel == .zalo ? "outside_zalo_window" : "outside_messenger_window")
    }
}
