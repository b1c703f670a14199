import Foundation
import MotCuaStorage

/// The metrics that the HTTP routes and the pipeline update, registered under fixed names.
///
/// Names starting with `motcua_broadcast_` are reserved for the broadcast sender, which
/// registers them on the same registry.
public struct ServiceMetrics: Sendable {
    public let registry: MetricsRegistry

    /// Webhook requests by `channel` and `result`.
    let webhooks: Counter
    /// Seconds to run one event through the engine and commit its effects, by `channel`.
    let processingSeconds: Histogram
    /// Events by `result`: processed, failed (will be retried) or set_aside.
    let events: Counter
    /// Delivery attempts by `channel` and `result`.
    let deliveries: Counter
    /// Replies postponed because a send rate limit had no token left, by `channel`.
    let rateLimitWaits: Counter
    let rateLimitWaitSeconds: Counter
    /// Caught store errors by `operation`.
    let databaseErrors: Counter
    /// Rows removed by the retention job, by `kind`.
    let retentionDeleted: Counter

    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        webhooks = registry.counter(
            "motcua_webhooks_total", help: "Webhook requests received, by channel and result.")
        processingSeconds = registry.histogram(
            "motcua_event_processing_seconds",
            help: "Time to run one inbound event through the engine and commit its effects, in seconds.",
            buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
        events = registry.counter("motcua_events_total", help: "Inbound events handled by the processor, by result.")
        deliveries = registry.counter(
            "motcua_deliveries_total", help: "Reply delivery attempts, by channel and result.")
        rateLimitWaits = registry.counter(
            "motcua_rate_limit_waits_total", help: "Replies postponed by a send rate limit, by channel.")
        rateLimitWaitSeconds = registry.counter(
            "motcua_rate_limit_wait_seconds_total",
            help: "Total delay imposed on replies by send rate limits, in seconds, by channel.")
        databaseErrors = registry.counter(
            "motcua_database_errors_total", help: "Database operations that failed, by operation.")
        retentionDeleted = registry.counter(
            "motcua_retention_deleted_total", help: "Rows deleted by the retention job, by kind.")
        registerKnownLabels()
    }

    /// Registers the gauges read from the store at every scrape: inbox and outbox depth and
    /// drafts in progress. A failed read leaves them out of that scrape and counts a database error.
    func collectStoreGauges(from store: any Store) {
        let errors = databaseErrors
        registry.collect(
            "motcua_inbox_pending", help: "Inbound events stored and not yet processed.", kind: .gauge
        ) {
            guard let depth = Self.readDepth(store, errors) else { return [] }
            return [.init(value: Double(depth.inboxPending))]
        }
        registry.collect(
            "motcua_outbox_pending", help: "Replies waiting for delivery, including those waiting for a retry.",
            kind: .gauge
        ) {
            guard let depth = Self.readDepth(store, errors) else { return [] }
            return [.init(value: Double(depth.outboxPending))]
        }
        registry.collect(
            "motcua_drafts_active",
            help: "Conversations inside a flow other than the main menu, such as a half-filled form.",
            kind: .gauge
        ) {
            guard let depth = Self.readDepth(store, errors) else { return [] }
            return [.init(value: Double(depth.activeDrafts))]
        }
    }

    private static func readDepth(_ store: any Store, _ errors: Counter) -> StoreDepth? {
        do {
            return try store.depth()
        } catch {
            errors.increment(["operation": "metrics"])
            return nil
        }
    }
}
