import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import Synchronization

/// Delivers stored replies. One thread claims due replies and records outcomes (the store calls
/// block); the HTTP requests run concurrently through the libcurl client. Only the oldest pending
/// reply of a conversation is claimed, so one recipient's replies leave in order.
final class OutboxSender: Sendable {
    struct Settings: Sendable {
        var maxAttempts: Int
        var retryBaseSeconds: Double
        var retryMaxSeconds: Double
        var leaseSeconds: Double
        /// Zalo accepts consultation replies only within this many seconds of the citizen's last
        /// message; later replies are recorded as undeliverable without a request.
        var zaloWindowSeconds: Double = 7 * 86_400
        /// Messenger's standard messaging window, applied the same way.
        var messengerWindowSeconds: Double = 24 * 3_600
        var batchSize = 64
        /// Per-channel send rates; a channel left out is not limited.
        var channelLimits: [ChannelKind: OutboxRateLimits.Limit] = [:]
        /// Per-conversation send rate; nil disables it.
        var recipientLimit: OutboxRateLimits.Limit?
    }

    private let store: any Store
    private let client: HTTPClient
    private let channels: ChannelSettings
    /// Supplies and refreshes the Zalo access token; nil sends the configured token as it is.
    private let zaloTokens: ZaloTokenManager?
    private let settings: Settings
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let metrics: ServiceMetrics
    private let claimFailures: RepeatedFailureLog
    private let loop = Mutex<BackgroundLoop?>(nil)
    private let rateLimits: Mutex<OutboxRateLimits>
    private let deliveryExecutor = DeliveryExecutor()

    init(
        store: any Store, client: HTTPClient, channels: ChannelSettings, zaloTokens: ZaloTokenManager? = nil,
        settings: Settings, logger: Logger, metrics: ServiceMetrics = ServiceMetrics(),
        clock: @escaping @Sendable () -> Date
    ) {
        self.metrics = metrics
        self.store = store
        self.client = client
        self.channels = channels
        self.zaloTokens = zaloTokens
        self.settings = settings
        self.logger = logger
        self.claimFailures = RepeatedFailureLog(action: "claiming replies", logger: logger)
        self.clock = clock
        self.rateLimits = Mutex(OutboxRateLimits(channels: settings.channelLimits, recipient: settings.recipientLimit))
    }

    func start() {
        let loop = BackgroundLoop(name: "motcua.outbox", idleInterval: 0.5) { [self] in runBatch() > 0 }
        self.loop.withLock { $0 = loop }
        loop.start()
    }

    /// Called when new replies were stored.
    func wake() { loop.withLock { $0 }?.wake() }

    /// Finishes the batch in progress and stops. Replies not yet claimed stay in the outbox for
    /// the next start.
    func stop() { loop.withLock { $0 }?.stop() }

    /// Claims and sends one batch; returns how many replies it handled.
    private func runBatch() -> Int {
        let batch: [OutboxEntry]
        do {
            batch = try store.claimDueOutbox(now: clock(), limit: settings.batchSize, lease: settings.leaseSeconds)
            claimFailures.succeeded()
        } catch {
            metrics.databaseErrors.increment(["operation": "claim_outbox"])
            claimFailures.failed(error)
            return 0
        }
        guard !batch.isEmpty else { return 0 }

        let outcomes = OutcomeCollector()
        let group = DispatchGroup()
        for entry in batch {
            if let reason = outsideWindow(entry) {
                outcomes.add(entry, .permanent(reason: reason))
                continue
            }
            let now = clock()
            let wait = rateLimits.withLock { $0.admit(entry.conversationID, now: now) }
            if wait > 0 {
                postpone(entry, by: wait, now: now)
                continue
            }
            group.enter()
            Task(executorPreference: deliveryExecutor) { [self] in
                let outcome = await attempt(entry)
                outcomes.add(entry, outcome)
                group.leave()
            }
        }
        group.wait()

        // Delivered replies are marked in one transaction; other outcomes are rare and each
        // needs its own update.
        var delivered: [OutboxEntry] = []
        for (entry, outcome) in outcomes.all {
            if case .delivered = outcome {
                delivered.append(entry)
            } else {
                record(outcome, for: entry)
            }
        }
        recordDelivered(delivered)
        return batch.count
    }

    private func recordDelivered(_ entries: [OutboxEntry]) {
        guard !entries.isEmpty else { return }
        for entry in entries {
            metrics.deliveries.increment(["channel": entry.conversationID.channel.rawValue, "result": "delivered"])
        }
        let missing: Set<Int64>
        do {
            missing = Set(try store.markDelivered(outboxIDs: entries.map(\.id), at: clock()))
        } catch {
            metrics.databaseErrors.increment(["operation": "record_delivery"])
            logger.error(
                "recording delivered replies failed",
                ["error": "\(error)", "outbox.id": entries.map { "\($0.id)" }.joined(separator: ",")])
            return
        }
        for entry in entries {
            let entryLogger = logger.with([
                "outbox.id": "\(entry.id)", "conversation.id": "\(entry.conversationID)",
                "attempt": "\(entry.attempts + 1)",
            ])
            if missing.contains(entry.id) {
                metrics.databaseErrors.increment(["operation": "record_delivery"])
                entryLogger.error(
                    "recording a delivery outcome failed", ["error": "no pending outbox entry has this id"])
            } else {
                entryLogger.info("reply delivered")
            }
        }
    }

    /// Releases a reply that has no send token until its buckets refill. The attempt count stays
    /// as it was, because nothing was sent.
    private func postpone(_ entry: OutboxEntry, by wait: TimeInterval, now: Date) {
        do {
            try store.scheduleRetry(
                outboxID: entry.id, attempts: entry.attempts, nextAttemptAt: now.addingTimeInterval(wait),
                error: "rate limited")
            let channel = ["channel": entry.conversationID.channel.rawValue]
            metrics.rateLimitWaits.increment(channel)
            metrics.rateLimitWaitSeconds.increment(channel, by: wait)
            logger.debug(
                "reply waits for the send rate limit",
                [
                    "outbox.id": "\(entry.id)", "channel": entry.conversationID.channel.rawValue,
                    "delay.seconds": String(format: "%.3f", wait),
                ])
        } catch {
            metrics.databaseErrors.increment(["operation": "postpone_reply"])
            logger.error("postponing a rate-limited reply failed", ["outbox.id": "\(entry.id)", "error": "\(error)"])
        }
    }

    /// Returns why the platform's messaging window is closed for this reply, or nil when it is
    /// open or unknown (the platform then decides). Telegram has no such window.
    private func outsideWindow(_ entry: OutboxEntry) -> String? {
        let window: Double
        let name: String
        switch entry.conversationID.channel {
        case .zalo:
            (window, name) = (settings.zaloWindowSeconds, "Zalo consultation window")
        case .messenger:
            (window, name) = (settings.messengerWindowSeconds, "Messenger messaging window")
        case .telegram:
            return nil
        }
        do {
            guard let last = try store.lastInboundAt(entry.conversationID) else { return nil }
            let idle = clock().timeIntervalSince(last)
            guard idle > window else { return nil }
            return "outside the \(name): last message \(Int(idle / 3_600)) hours ago"
        } catch {
            metrics.databaseErrors.increment(["operation": "read_last_message_time"])
            logger.error("reading the last message time failed", ["outbox.id": "\(entry.id)", "error": "\(error)"])
            return nil
        }
    }

    /// Sends every part of one reply in order and stops at the first part not delivered.
    private func attempt(_ entry: OutboxEntry) async -> DeliveryOutcome {
        let userID = entry.conversationID.userID
        let requests: [OutboundHTTPRequest]
        let classify: @Sendable (Int, [String: String], [UInt8]) -> DeliveryOutcome
        switch entry.conversationID.channel {
        case .zalo:
            guard let zalo = channels.zalo else { return Self.notConfigured(.zalo) }
            return await attemptZalo(entry, settings: zalo)
        case .telegram:
            guard let telegram = channels.telegram else { return Self.notConfigured(.telegram) }
            requests = TelegramSender.requests(for: entry.message, chatID: userID, settings: telegram)
            classify = { TelegramSender.classify(status: $0, headers: $1, body: $2) }
        case .messenger:
            guard let messenger = channels.messenger else { return Self.notConfigured(.messenger) }
            requests = MessengerSender.requests(for: entry.message, recipientID: userID, settings: messenger)
            classify = { MessengerSender.classify(status: $0, headers: $1, body: $2) }
        }

        return await send(requests, classify: classify).outcome
    }

    /// Sends a Zalo reply with the manager's current token. When Zalo rejects the token, requests
    /// a refresh and sends the undelivered parts once more with the new token.
    private func attemptZalo(_ entry: OutboxEntry, settings: ZaloSettings) async -> DeliveryOutcome {
        var zalo = settings
        if let zaloTokens { zalo.accessToken = await zaloTokens.accessToken() }
        let classify: @Sendable (Int, [String: String], [UInt8]) -> DeliveryOutcome = {
            ZaloSender.classify(status: $0, headers: $1, body: $2)
        }
        let first = await send(
            ZaloSender.requests(for: entry.message, to: entry.conversationID.userID, settings: zalo),
            classify: classify)
        guard case .tokenExpired = first.outcome, let zaloTokens,
            let fresh = await zaloTokens.refresh(rejected: zalo.accessToken)
        else { return first.outcome }
        zalo.accessToken = fresh
        let remaining = ZaloSender.requests(for: entry.message, to: entry.conversationID.userID, settings: zalo)
            .dropFirst(first.sent)
        return await send(Array(remaining), classify: classify).outcome
    }

    /// Sends the parts of one reply in order and stops at the first part not delivered. Returns
    /// the last outcome and how many parts were delivered.
    /// NOTE: a reply longer than the platform limit goes out in several requests; when a later
    /// part fails, the retry sends the earlier parts again.
    private func send(
        _ requests: [OutboundHTTPRequest], classify: @Sendable (Int, [String: String], [UInt8]) -> DeliveryOutcome
    ) async -> (outcome: DeliveryOutcome, sent: Int) {
        var outcome = DeliveryOutcome.delivered(platformMessageID: nil)
        var sent = 0
        for request in requests {
            do {
                let response = try await client.send(
                    HTTPClientRequest(
                        method: request.method, url: request.url,
                        headers: request.headers.map { (name: $0.key, value: $0.value) }, body: request.body))
                outcome = classify(response.status, response.headers, response.body)
            } catch {
                outcome = .retry(after: nil, reason: "\(error)")
            }
            guard case .delivered = outcome else { break }
            sent += 1
        }
        return (outcome, sent)
    }

    private static func notConfigured(_ channel: ChannelKind) -> DeliveryOutcome {
        .permanent(reason: "channel \(channel.rawValue) is not configured")
    }

    private func record(_ outcome: DeliveryOutcome, for entry: OutboxEntry) {
        let now = clock()
        let attempts = entry.attempts + 1
        let entryLogger = logger.with([
            "outbox.id": "\(entry.id)", "conversation.id": "\(entry.conversationID)", "attempt": "\(attempts)",
        ])
        let result = outcome.isRetryable && attempts >= settings.maxAttempts ? "failed" : outcome.metricName
        metrics.deliveries.increment(["channel": entry.conversationID.channel.rawValue, "result": result])
        do {
            switch outcome {
            case .delivered:
                try store.markDelivered(outboxID: entry.id, at: now)
                entryLogger.info("reply delivered")
            case .permanent(let reason):
                try store.markFailed(outboxID: entry.id, attempts: attempts, reason: reason)
                entryLogger.warning("reply undeliverable", ["reason": reason])
            case .retry(let after, let reason):
                try retry(entry, attempts: attempts, after: after, reason: reason, now: now, logger: entryLogger)
            case .tokenExpired(let reason):
                // A refresh was already tried during the attempt, or refreshing is not configured;
                // the reply waits with backoff like a server error.
                try retry(entry, attempts: attempts, after: nil, reason: reason, now: now, logger: entryLogger)
            }
        } catch {
            metrics.databaseErrors.increment(["operation": "record_delivery"])
            entryLogger.error("recording a delivery outcome failed", ["error": "\(error)"])
        }
    }

    private func retry(
        _ entry: OutboxEntry, attempts: Int, after: Double?, reason: String, now: Date, logger: Logger
    ) throws {
        guard attempts < settings.maxAttempts else {
            try store.markFailed(
                outboxID: entry.id, attempts: attempts, reason: "gave up after \(attempts) attempts: \(reason)")
            logger.error("reply failed after the last attempt", ["reason": reason])
            return
        }
        let delay = max(after ?? 0, Self.backoff(attempts: attempts, settings: settings))
        try store.scheduleRetry(
            outboxID: entry.id, attempts: attempts, nextAttemptAt: now.addingTimeInterval(delay), error: reason)
        logger.warning(
            "reply delivery will be retried", ["reason": reason, "delay.seconds": String(format: "%.2f", delay)])
    }

    /// Exponential backoff with jitter: base × 2^(attempts−1), capped, then scaled by 0.5–1.0.
    static func backoff(attempts: Int, settings: Settings) -> Double {
        let exponential = settings.retryBaseSeconds * pow(2, Double(max(0, attempts - 1)))
        return min(settings.retryMaxSeconds, exponential) * Double.random(in: 0.5...1.0)
    }
}

/// Outcomes gathered from concurrent delivery tasks.
private final class OutcomeCollector: Sendable {
    private let items = Mutex<[(OutboxEntry, DeliveryOutcome)]>([])

    func add(_ entry: OutboxEntry, _ outcome: DeliveryOutcome) {
        items.withLock { $0.append((entry, outcome)) }
    }

    var all: [(OutboxEntry, DeliveryOutcome)] { items.withLock { $0 } }
}

extension DeliveryOutcome {
    /// Whether the sender schedules another attempt, unless the attempts are used up.
    var isRetryable: Bool {
        switch self {
        case .retry, .tokenExpired: true
        case .delivered, .permanent: false
        }
    }

    /// The `result` label of `motcua_deliveries_total` for an attempt that is not the last one.
    var metricName: String {
        switch self {
        case .delivered: "delivered"
        case .permanent: "failed"
        case .retry: "retry"
        case .tokenExpired: "token_expired"
        }
    }
}
