import Foundation
import MotCuaCore

extension Configuration {
    /// Applies one `broadcast.*` key from the configuration file; returns false for other keys.
    mutating func applyBroadcastKey(_ key: String, _ text: String) throws -> Bool {
        guard key.hasPrefix("broadcast.") else { return false }
        let value = text.trimmingCharacters(in: .whitespaces)
        switch key {
        case "broadcast.approval":
            guard let flag = Self.flag(value) else {
                throw ConfigurationError(key: key, message: "'\(text)' không hợp lệ; dùng on hoặc off")
            }
            broadcast.rules.requiresApproval = flag
        case "broadcast.quiet_hours":
            guard let hours = QuietHours.parse(value, timeZone: broadcast.quietHours.timeZone) else {
                throw ConfigurationError(
                    key: key, message: "'\(text)' không hợp lệ; viết GIỜ:PHÚT-GIỜ:PHÚT, ví dụ 21:00-06:00, hoặc off")
            }
            broadcast.quietHours = hours
        case "broadcast.time_zone":
            guard let zone = TimeZone(identifier: value) else {
                throw ConfigurationError(
                    key: key, message: "múi giờ '\(text)' không tồn tại; dùng tên IANA, ví dụ Asia/Ho_Chi_Minh")
            }
            broadcast.quietHours.timeZone = zone
        case "broadcast.emergency_roles":
            var roles: Set<BroadcastActor.Role> = []
            for name in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let role = BroadcastActor.Role(rawValue: name), role != .viewer else {
                    throw ConfigurationError(
                        key: key, message: "vai trò '\(name)' không hợp lệ; dùng admin, officer hoặc cả hai")
                }
                roles.insert(role)
            }
            broadcast.rules.emergencyRoles = roles
        case "broadcast.zalo_per_second", "broadcast.telegram_per_second", "broadcast.messenger_per_second":
            guard let rate = Double(value), rate > 0, rate.isFinite else {
                throw ConfigurationError(key: key, message: "'\(text)' không phải số dương")
            }
            let name = key.dropFirst("broadcast.".count).replacingOccurrences(of: "_per_second", with: "")
            guard let channel = ChannelKind(rawValue: name) else { return false }
            broadcast.perSecond[channel] = rate
        case "broadcast.lease_seconds":
            guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                throw ConfigurationError(key: key, message: "'\(text)' không phải số dương")
            }
            broadcast.leaseSeconds = seconds
        case "broadcast.batch_size", "broadcast.max_attempts":
            guard let number = Int(value), number > 0 else {
                throw ConfigurationError(key: key, message: "'\(text)' không phải số nguyên dương")
            }
            if key == "broadcast.batch_size" { broadcast.batchSize = number } else { broadcast.maxAttempts = number }
        default:
            throw ConfigurationError(key: key, message: "khóa không tồn tại; xem mục broadcast trong docs/cau-hinh.md")
        }
        return true
    }

    /// Checks that a broadcast claim outlives the slowest outbound request, so a send still in
    /// flight is never counted as interrupted.
    func validateBroadcast() throws {
        guard broadcast.leaseSeconds > outboundTimeoutSeconds else {
            throw ConfigurationError(
                key: "broadcast.lease_seconds",
                message: "'\(Self.numberText(broadcast.leaseSeconds))' phải lớn hơn outbound.timeout_seconds "
                    + "(\(Self.numberText(outboundTimeoutSeconds)))"
            )
        }
    }

    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes": return true
        case "off", "false", "no": return false
        default: return nil
        }
    }
}
