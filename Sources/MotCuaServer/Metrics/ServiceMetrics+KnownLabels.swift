import MotCuaCore

extension ServiceMetrics {
    /// The `operation` labels of `motcua_database_errors_total` that the server emits.
    static let databaseOperations = [
        "store_event", "claim_inbox", "set_event_aside", "claim_outbox", "record_delivery", "postpone_reply",
        "read_last_message_time", "readiness", "metrics", "retention_drafts", "retention_history",
        "retention_cases",
    ]

    /// The `result` labels of `motcua_webhooks_total`, except `status_<code>` for unexpected statuses.
    static let webhookResults = [
        "accepted", "duplicate", "storage_error", "ignored", "malformed", "bad_signature", "disabled",
        "method_not_allowed",
    ]

    /// The `result` labels of `motcua_deliveries_total`.
    static let deliveryResults = ["delivered", "failed", "retry", "token_expired"]

    /// Adds a zero sample for every known label set, so that `rate()` and `increase()` see the
    /// first error instead of a series that appears out of nothing.
    func registerKnownLabels() {
        for operation in Self.databaseOperations {
            databaseErrors.increment(["operation": operation], by: 0)
        }
        for channel in ChannelKind.allCases {
            for result in Self.webhookResults {
                webhooks.increment(["channel": channel.rawValue, "result": result], by: 0)
            }
            for result in Self.deliveryResults {
                deliveries.increment(["channel": channel.rawValue, "result": result], by: 0)
            }
        }
    }
}
