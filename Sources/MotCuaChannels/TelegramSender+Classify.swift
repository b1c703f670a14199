import Foundation

extension TelegramSender {
    /// Classifies Telegram's response to a Bot API request.
    ///
    /// A 2xx with `"ok": true` is delivered, with `result.message_id` when there is one. HTTP 429
    /// is retried after `parameters.retry_after`, or after the `Retry-After` header when the body
    /// has none. HTTP 408 and 5xx are retried, and so is a 2xx without `"ok": true`, because the
    /// outcome is then unknown. Every other status is permanent: 403 means the user blocked the bot
    /// or is deactivated, and 400 covers "chat not found" and "can't parse entities". Reasons carry
    /// the status and Telegram's `description`, which names the error and never the message text.
    ///
    /// NOTE: a 401 (revoked bot token) is permanent for each message, because Telegram tokens
    /// cannot be refreshed; the operator has to replace the token.
    public static func classify(status: Int, headers: [String: String], body: [UInt8]) -> DeliveryOutcome {
        let envelope = JSONValue.parse(body)
        let reason = failureReason(status: status, envelope: envelope)

        switch status {
        case 200..<300:
            guard case .bool(true) = envelope?["ok"] else {
                return .retry(after: nil, reason: "HTTP \(status) without \"ok\": true")
            }
            return .delivered(platformMessageID: envelope?["result"]?["message_id"]?.text)
        case 429:
            let after = envelope?["parameters"]?["retry_after"]?.doubleValue ?? retryAfterHeaderSeconds(headers)
            return .retry(after: after.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }, reason: reason)
        case 408, 500..<600:
            return .retry(after: retryAfterHeaderSeconds(headers), reason: reason)
        default:
            return .permanent(reason: reason)
        }
    }

    /// Returns "Telegram error <status>", followed by the first 200 characters of `description`.
    private static func failureReason(status: Int, envelope: JSONValue?) -> String {
        let description = envelope?["description"]?.text.map { String($0.prefix(200)) } ?? ""
        let code = envelope?["error_code"]?.text ?? String(status)
        return "Telegram error \(code)" + (description.isEmpty ? "" : ": \(description)")
    }

    /// Reads `Retry-After` in seconds, or returns nil for an HTTP date or a missing header.
    /// NOTE: an HTTP-date value is ignored because this module reads no clock.
    private static func retryAfterHeaderSeconds(_ headers: [String: String]) -> Double? {
        guard let value = headers.first(where: { $0.key.lowercased() == "retry-after" })?.value,
            let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0
        else {
            return nil
        }
        return seconds
    }
}
