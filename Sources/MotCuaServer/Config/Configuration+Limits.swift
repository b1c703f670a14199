import Foundation
import MotCuaCore

extension Configuration {
    /// Checks that every send rate is finite and every burst allows at least one send.
    func validateLimits() throws {
        let channels: [(String, RateLimitConfiguration.Channel)] = [
            ("zalo", limits.zalo), ("telegram", limits.telegram), ("messenger", limits.messenger),
        ]
        for (name, limit) in channels {
            if !(limit.perSecond > 0 && limit.perSecond.isFinite) {
                throw ConfigurationError(
                    key: "limits.\(name).per_second",
                    message: "'\(Self.numberText(limit.perSecond))' không hợp lệ; cần một số dương")
            }
            if !(limit.burst >= 1 && limit.burst.isFinite) {
                throw ConfigurationError(
                    key: "limits.\(name).burst",
                    message: "'\(Self.numberText(limit.burst))' không hợp lệ; cần một số từ 1 trở lên")
            }
        }
        if !(limits.perRecipientPerSecond >= 0 && limits.perRecipientPerSecond.isFinite) {
            throw ConfigurationError(
                key: "limits.per_recipient_per_second",
                message:
                    "'\(Self.numberText(limits.perRecipientPerSecond))' không hợp lệ; cần một số không âm, 0 để tắt giới hạn"
            )
        }
    }

    /// The outbox's per-channel send rates.
    var outboxChannelLimits: [ChannelKind: OutboxRateLimits.Limit] {
        [
            .zalo: .init(perSecond: limits.zalo.perSecond, burst: limits.zalo.burst),
            .telegram: .init(perSecond: limits.telegram.perSecond, burst: limits.telegram.burst),
            .messenger: .init(perSecond: limits.messenger.perSecond, burst: limits.messenger.burst),
        ]
    }

    /// The outbox's per-conversation send rate, or nil when it is disabled.
    var outboxRecipientLimit: OutboxRateLimits.Limit? {
        guard limits.perRecipientPerSecond > 0 else { return nil }
        return .init(perSecond: limits.perRecipientPerSecond, burst: limits.perRecipientBurst)
    }
}
