import Foundation
import MotCuaStorage
import Synchronization

/// Deletes data past its retention period, at start and then every `interval` seconds. It deletes
/// conversations idle for longer than the draft lifetime and processed events and finished replies
/// older than the history period. Dossiers and reports unchanged for longer than the case period
/// are deleted only when that period is configured. The engine also drops an expired draft when
/// its citizen returns, so draft expiry holds between runs and across restarts. With several
/// instances on one database, the instance holding the store's lease `leaseName` runs the job and
/// the others skip their runs.
final class RetentionJob: Sendable {
    static let leaseName = "retention"

    struct Periods: Sendable, Equatable {
        var drafts: TimeInterval
        /// nil keeps events and replies for ever.
        var history: TimeInterval?
        /// nil keeps dossiers and reports for ever.
        var cases: TimeInterval?
    }

    /// The rows one run deleted.
    struct Result: Sendable, Equatable {
        var drafts = 0
        var inboundEvents = 0
        var outboxEntries = 0
        var dossiers = 0
        var reports = 0
    }

    private let store: any Store
    private let periods: Periods
    private let interval: TimeInterval
    private let logger: Logger
    private let metrics: ServiceMetrics
    private let clock: @Sendable () -> Date
    private let instanceID: String
    private let loop = Mutex<BackgroundLoop?>(nil)

    init(
        store: any Store, periods: Periods, interval: TimeInterval = 3600, logger: Logger,
        metrics: ServiceMetrics = ServiceMetrics(), clock: @escaping @Sendable () -> Date,
        instanceID: String = UUID().uuidString
    ) {
        self.instanceID = instanceID
        self.store = store
        self.periods = periods
        self.interval = interval
        self.logger = logger
        self.metrics = metrics
        self.clock = clock
    }

    func start() {
        let loop = BackgroundLoop(name: "motcua.retention", idleInterval: interval) { [self] in
            runOnce()
            return false
        }
        self.loop.withLock { $0 = loop }
        loop.start()
    }

    func stop() { loop.withLock { $0 }?.stop() }

    /// Deletes everything past its period now, unless another instance holds the retention lease.
    /// A failed step is logged and counted, and the other steps still run.
    @discardableResult
    func runOnce() -> Result {
        let now = clock()
        var result = Result()
        // The lease outlives one interval a little, so the holder renews it at its next run and
        // another instance takes over only after the holder missed one. Leases use the wall clock,
        // not the injected clock, because other instances compare them.
        guard
            attempt(
                "lease",
                {
                    try store.acquireLease(Self.leaseName, owner: instanceID, now: Date(), duration: interval * 1.5)
                }) == true
        else {
            logger.debug("retention run skipped: another instance holds the retention lease")
            return result
        }
        result.drafts =
            attempt("drafts") {
                try store.deleteConversations(updatedBefore: now.addingTimeInterval(-periods.drafts))
            } ?? 0
        if let history = periods.history,
            let deleted = attempt("history", { try store.deleteHistory(before: now.addingTimeInterval(-history)) })
        {
            result.inboundEvents = deleted.inboundEvents
            result.outboxEntries = deleted.outboxEntries
        }
        if let cases = periods.cases,
            let deleted = attempt("cases", { try store.deleteCases(updatedBefore: now.addingTimeInterval(-cases)) })
        {
            result.dossiers = deleted.dossiers
            result.reports = deleted.reports
        }

        let counts: [(String, Int)] = [
            ("drafts", result.drafts), ("inbound_events", result.inboundEvents),
            ("outbox_entries", result.outboxEntries), ("dossiers", result.dossiers), ("reports", result.reports),
        ]
        for (kind, count) in counts where count > 0 {
            metrics.retentionDeleted.increment(["kind": kind], by: Double(count))
        }
        if counts.contains(where: { $0.1 > 0 }) {
            logger.info(
                "expired data deleted", Dictionary(uniqueKeysWithValues: counts.map { ("deleted.\($0.0)", "\($0.1)") }))
        }
        return result
    }

    private func attempt<Value>(_ step: String, _ body: () throws -> Value) -> Value? {
        do {
            return try body()
        } catch {
            metrics.databaseErrors.increment(["operation": "retention_\(step)"])
            logger.error("deleting expired data failed", ["retention.step": step, "error": "\(error)"])
            return nil
        }
    }
}
