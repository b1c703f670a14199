import Foundation

extension MessengerSender {
    /// Classifies the Graph API's response to a Send API request.
    ///
    /// A 2xx body with `message_id` is delivered. A body with an `error` object is read by `code`
    /// and `error_subcode`. Codes 2, 4, 17, 32, 613 and 1200 (rate limits and temporary failures)
    /// are retried, and 190 (invalid or expired token) is `tokenExpired`. Codes 10 (window or
    /// permission), 551 (person unavailable), 200 (missing permission) and 100 with subcode 2018001
    /// (no matching user) are permanent. Other codes are retried on HTTP 408, 429 and 5xx, and are
    /// permanent otherwise. Without an error object, HTTP 408, 429 and 5xx are retried and other
    /// statuses are permanent. Retries honour `Retry-After` given in seconds. Transport failures have
    /// no status, so the caller retries them without this function.
    public static func classify(status: Int, headers: [String: String], body: [UInt8]) -> DeliveryOutcome {
        let envelope = JSONValue.parse(body)
        let retryAfter = ZaloSender.retryAfterSeconds(headers)
        let retryableStatus = status == 408 || status == 429 || (500..<600).contains(status)

        if let error = envelope?["error"], error.objectMembers != nil {
            return classifyError(error, status: status, retryableStatus: retryableStatus, retryAfter: retryAfter)
        }

        switch status {
        case 200..<300:
            if let messageID = envelope?["message_id"]?.text, !messageID.isEmpty {
                return .delivered(platformMessageID: messageID)
            }
            // A 2xx without message_id (a proxy page, a cut-off body) leaves the outcome unknown.
            // Sending again risks a duplicate, which is less harmful than a lost reply.
            return .retry(after: nil, reason: "HTTP \(status) without message_id")
        case _ where retryableStatus:
            return .retry(after: retryAfter, reason: "HTTP \(status)")
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    private static func classifyError(_ error: JSONValue, status: Int, retryableStatus: Bool, retryAfter: Double?)
        -> DeliveryOutcome
    {
        let code = error["code"]?.text.flatMap { Int($0) }
        let subcode = error["error_subcode"]?.text.flatMap { Int($0) }
        let label = "Messenger error " + (code.map(String.init) ?? "without code") + (subcode.map { "/\($0)" } ?? "")
        let platformMessage = error["message"]?.text.map { String($0.prefix(200)) } ?? ""

        func reason(_ meaning: String?) -> String {
            "\(label): " + (meaning ?? (platformMessage.isEmpty ? "HTTP \(status)" : platformMessage))
        }

        switch code {
        case 4, 17, 32, 613:
            return .retry(after: retryAfter, reason: reason("rate limit reached"))
        case 1200:
            return .retry(after: retryAfter, reason: reason("temporary send failure"))
        case 2:
            // NOTE: code 2 is reported to also mean that the person blocked the Page, so the
            // outbox's retry limit ends the attempts.
            return .retry(after: retryAfter, reason: reason("unexpected platform error"))
        case 190:
            return .tokenExpired(reason: reason("invalid or expired Page access token"))
        case 10 where subcode == 2018278:
            return .permanent(reason: reason("outside the 24-hour messaging window"))
        case 10:
            return .permanent(reason: reason("permission denied"))
        case 551:
            return .permanent(reason: reason("person is not available"))
        case 100 where subcode == 2018001:
            return .permanent(reason: reason("no matching user"))
        case 200:
            return .permanent(reason: reason("missing permission"))
        default:
            if retryableStatus {
                return .retry(after: retryAfter, reason: reason(nil))
            }
            return .permanent(reason: reason(nil))
        }
    }
}
