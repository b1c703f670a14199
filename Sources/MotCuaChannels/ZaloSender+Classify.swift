import Foundation

extension ZaloSender {
    /// Classifies Zalo's response to a send request.
    ///
    /// Zalo reports most failures as HTTP 200 with a non-zero `error` in the body, so a 2xx body is
    /// always read. Error 0 is delivered (with `data.message_id`), -32 (rate limit) is retried,
    /// -216 and -220 (token invalid or expired) are `tokenExpired`, and every other code is permanent.
    /// HTTP 408, 429 and 5xx are retried, honouring `Retry-After` given in seconds, and other statuses
    /// are permanent. Transport failures have no status, so the caller retries them without this function.
    public static func classify(status: Int, headers: [String: String], body: [UInt8]) -> DeliveryOutcome {
        switch status {
        case 200..<300:
            return classifyEnvelope(status: status, body: body)
        case 408, 429, 500..<600:
            return .retry(after: retryAfterSeconds(headers), reason: "HTTP \(status)")
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    private static func classifyEnvelope(status: Int, body: [UInt8]) -> DeliveryOutcome {
        // A 2xx without Zalo's envelope (a proxy page, a cut-off body) leaves the outcome unknown.
        // Sending again risks a duplicate, which is less harmful than a lost reply.
        guard let envelope = JSONValue.parse(body), let codeText = envelope["error"]?.text,
            let code = Int(codeText)
        else {
            return .retry(after: nil, reason: "HTTP \(status) without a Zalo error field")
        }

        let platformMessage = envelope["message"]?.text.map { String($0.prefix(200)) } ?? ""
        let reason = "Zalo error \(code)" + (platformMessage.isEmpty ? "" : ": \(platformMessage)")

        switch code {
        case 0:
            return .delivered(platformMessageID: envelope["data"]?["message_id"]?.text)
        case -32:
            return .retry(after: nil, reason: reason)
        case -216, -220:
            return .tokenExpired(reason: reason)
        default:
            // Includes -201/-210 (invalid parameters), -213 (not a follower), -217 (blocked the OA)
            // and -230/-232 (no interaction in the consultation window).
            return .permanent(reason: reason)
        }
    }

    /// Reads `Retry-After` in seconds, or returns nil for an HTTP date or a missing header.
    /// NOTE: an HTTP-date value is ignored because this module reads no clock.
    static func retryAfterSeconds(_ headers: [String: String]) -> Double? {
        guard let value = headers.first(where: { $0.key.lowercased() == "retry-after" })?.value,
            let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0
        else {
            return nil
        }
        return seconds
    }
}
