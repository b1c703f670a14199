import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import Synchronization

/// Starts due broadcasts and sends them to their recipients. A crash never leads to a second
/// send to a recipient.
///
/// Each round, on one thread: fail the sends a crash left unfinished, start scheduled broadcasts,
/// queue waiting recipients who wrote again, then claim a batch. A claim moves recipients to
/// `sending` in a committed transaction before any request is made, so a crash after a request
/// never leads to a second one. The requests of a batch run concurrently through libcurl, and
/// their outcomes are recorded in one transaction.
final class BroadcastDeliverer: Sendable {
    private let store: any Store
    private let client: HTTPClient
    private let channels: ChannelSettings
    private let zaloTokens: ZaloTokenManager?
    private let settings: BroadcastSettings
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let loop = Mutex<BackgroundLoop?>(nil)
    private let limits: Mutex<[ChannelKind: RateLimiter]>
    /// Rounds in a row that gave way to due replies.
    private let yieldedRounds = Mutex(0)

    init(
        store: any Store, client: HTTPClient, channels: ChannelSettings, zaloTokens: ZaloTokenManager?,
        settings: BroadcastSettings, logger: Logger, clock: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.client = client
        self.channels = channels
        self.zaloTokens = zaloTokens
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.limits = Mutex(
            settings.perSecond.mapValues { RateLimiter(ratePerSecond: $0, burst: max(1, ($0 / 4).rounded())) })
    }

    func start() {
        let loop = BackgroundLoop(name: "motcua.broadcast", idleInterval: settings.idleSeconds) { [self] in
            runRound() > 0
        }
        self.loop.withLock { $0 = loop }
        loop.start()
    }

    /// Called after a broadcast was approved, resumed or created without approval.
    func wake() { loop.withLock { $0 }?.wake() }

    /// Finishes the batch in progress and stops.
    func stop() { loop.withLock { $0 }?.stop() }

    /// Runs one round; returns how many recipients it claimed or set waiting.
    @discardableResult
    func runRound() -> Int {
        let now = clock()
        do {
            try housekeeping(now: now)
            let handled = try deliverBatch(now: now)
            let completed = try store.completeFinishedBroadcasts(now: clock())
            for id in completed { logger.info("broadcast completed", ["broadcast.id": "\(id)"]) }
            return handled
        } catch {
            // NOTE: this line repeats every round while the database is down, and the deliverer holds no
            // ServiceMetrics, so motcua_database_errors_total does not count failed broadcast rounds.
            logger.error("broadcast round failed", ["error": "\(error)"])
            return 0
        }
    }

    private func housekeeping(now: Date) throws {
        let unknown = try store.failUnfinishedSends(now: now)
        if unknown > 0 {
            logger.warning("broadcast sends interrupted; not sent again", ["count": "\(unknown)"])
        }
        for broadcast in try store.dueBroadcasts(now: now)
        where settings.rules.shouldStart(broadcast, now: now, quietHours: settings.quietHours) {
            if let count = try store.startBroadcast(id: broadcast.id, now: now) {
                logger.info("broadcast started", ["broadcast.id": "\(broadcast.id)", "recipients": "\(count)"])
            }
        }
        let requeued = try store.requeueAnsweredWaiting(now: now)
        if requeued > 0 { logger.info("waiting recipients wrote again", ["count": "\(requeued)"]) }
        let expired = try store.expireWaitingRecipients(now: now)
        if expired > 0 { logger.info("waiting recipients expired", ["count": "\(expired)"]) }
    }

    /// Claims and sends one batch; returns how many recipients it handled. While replies to
    /// conversations are due it sends nothing, for at most `maxYieldRounds` rounds in a row, so
    /// live conversations keep priority.
    private func deliverBatch(now: Date) throws -> Int {
        let replyWaiting = try store.hasDueReplies(now: now)
        let yields = yieldedRounds.withLock { count in
            count = replyWaiting ? count + 1 : 0
            return count
        }
        if replyWaiting, yields <= settings.maxYieldRounds {
            return 0
        }
        yieldedRounds.withLock { $0 = 0 }

        let due = try store.dueRecipients(now: now, limit: settings.batchSize)
        guard !due.isEmpty else { return 0 }

        var broadcasts: [Int64: Broadcast] = [:]
        var sending: [BroadcastRecipient] = []
        var waiting: [(id: Int64, reason: String)] = []
        var never: [RecipientOutcome] = []
        for recipient in due {
            if broadcasts[recipient.broadcastID] == nil {
                broadcasts[recipient.broadcastID] = try store.broadcast(id: recipient.broadcastID)
            }
            guard let broadcast = broadcasts[recipient.broadcastID] else { continue }
            // Quiet hours hold back a running broadcast too, unless it is an emergency.
            if !broadcast.emergency, settings.quietHours.contains(now) { continue }
            let decision = settings.window.decide(
                channel: recipient.conversationID.channel, lastInbound: recipient.lastInboundAt, now: now,
                expiresAt: broadcast.expiresAt, channelEnabled: isEnabled(recipient.conversationID.channel))
            switch decision {
            case .sendNow:
                guard admit(recipient.conversationID.channel, now: now) else { continue }
                sending.append(recipient)
            case .waitForMessage(let reason):
                waiting.append((recipient.id, reason))
            case .never(let reason):
                waiting.append((recipient.id, reason))
                never.append(.failed(recipientID: recipient.id, reason: reason))
            }
        }

        let claimed = try store.claimRecipients(
            sending: sending.map(\.id) + never.map(\.recipientID), waiting: [], now: now, lease: settings.leaseSeconds)
        let waitingOnly = waiting.filter { item in !never.contains { $0.recipientID == item.id } }
        if !waitingOnly.isEmpty {
            _ = try store.claimRecipients(sending: [], waiting: waitingOnly, now: now, lease: 0)
        }
        try store.recordRecipientOutcomes(never.filter { claimed.contains($0.recipientID) }, now: now)

        let outcomes = send(sending.filter { claimed.contains($0.id) }, broadcasts: broadcasts, now: now)
        try store.recordRecipientOutcomes(outcomes, now: clock())
        return sending.count + waitingOnly.count + never.count
    }

    private func isEnabled(_ channel: ChannelKind) -> Bool {
        switch channel {
        case .zalo: return channels.zalo != nil
        case .telegram: return channels.telegram != nil
        case .messenger: return channels.messenger != nil
        }
    }

    private func admit(_ channel: ChannelKind, now: Date) -> Bool {
        limits.withLock { limits in
            guard var limiter = limits[channel] else { return true }
            let wait = limiter.take(now: now)
            limits[channel] = limiter
            return wait == 0
        }
    }

    /// Sends every claimed recipient concurrently and waits for all outcomes.
    private func send(_ recipients: [BroadcastRecipient], broadcasts: [Int64: Broadcast], now: Date)
        -> [RecipientOutcome]
    {
        guard !recipients.isEmpty else { return [] }
        let results = RecipientOutcomes()
        let group = DispatchGroup()
        let today = CivilDate(now, timeZone: settings.quietHours.timeZone)
        for recipient in recipients {
            guard let broadcast = broadcasts[recipient.broadcastID] else { continue }
            let message = BroadcastText.message(for: broadcast, commune: recipient.commune, date: today)
            group.enter()
            Task { [self] in
                let outcome = await deliver(message, to: recipient)
                results.add(outcome)
                group.leave()
            }
        }
        group.wait()
        return results.all
    }

    private func deliver(_ message: OutboundMessage, to recipient: BroadcastRecipient) async -> RecipientOutcome {
        let userID = recipient.conversationID.userID
        let requests: [OutboundHTTPRequest]
        let classify: @Sendable (Int, [String: String], [UInt8]) -> DeliveryOutcome
        switch recipient.conversationID.channel {
        case .zalo:
            guard var zalo = channels.zalo else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            if let zaloTokens { zalo.accessToken = await zaloTokens.accessToken() }
            requests = ZaloSender.requests(for: message, to: userID, settings: zalo)
            classify = { ZaloSender.classify(status: $0, headers: $1, body: $2) }
        case .telegram:
            guard let telegram = channels.telegram else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            requests = TelegramSender.requests(for: message, chatID: userID, settings: telegram)
            classify = { TelegramSender.classify(status: $0, headers: $1, body: $2) }
        case .messenger:
            guard let messenger = channels.messenger else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            requests = MessengerSender.requests(for: message, recipientID: userID, settings: messenger)
            classify = { MessengerSender.classify(status: $0, headers: $1, body: $2) }
        }

        var sentParts = 0
        for request in requests {
            let outcome: DeliveryOutcome
            do {
                let response = try await client.send(
                    HTTPClientRequest(
                        method: request.method, url: request.url,
                        headers: request.headers.map { (name: $0.key, value: $0.value) }, body: request.body))
                outcome = classify(response.status, response.headers, response.body)
            } catch {
                outcome = .retry(after: nil, reason: "\(error)")
            }
            if case .delivered = outcome {
                sentParts += 1
                continue
            }
            return failure(outcome, recipient: recipient, sentParts: sentParts)
        }
        return .sent(recipientID: recipient.id)
    }

    /// Maps a failed request to an outcome. A retry is allowed only while no part was delivered,
    /// so a citizen never gets the first part twice.
    private func failure(_ outcome: DeliveryOutcome, recipient: BroadcastRecipient, sentParts: Int)
        -> RecipientOutcome
    {
        let id = recipient.id
        switch outcome {
        case .delivered:
            return .sent(recipientID: id)
        case .permanent(let reason):
            return Self.isBlocked(reason, channel: recipient.conversationID.channel)
                ? .blocked(recipientID: id, reason: "blocked") : .failed(recipientID: id, reason: reason)
        case .retry(let after, let reason):
            return retry(recipient, after: after, reason: reason, sentParts: sentParts)
        case .tokenExpired(let reason):
            return retry(recipient, after: nil, reason: reason, sentParts: sentParts)
        }
    }

    /// Queues the recipient again with exponential backoff, or fails it after the last attempt or
    /// when part of a long message was already delivered.
    /// NOTE: a timeout or a 5xx may hide a request the platform accepted, so a retry after one can
    /// deliver the announcement twice. No platform offers a deduplication key to prevent it.
    private func retry(_ recipient: BroadcastRecipient, after: Double?, reason: String, sentParts: Int)
        -> RecipientOutcome
    {
        let id = recipient.id
        guard sentParts == 0, recipient.attempts < settings.maxAttempts else {
            return .failed(recipientID: id, reason: sentParts > 0 ? "partly_sent: \(reason)" : reason)
        }
        let delay = max(after ?? 0, min(300, 2 * pow(2, Double(recipient.attempts))))
        logger.warning(
            "broadcast send will be retried",
            ["broadcast.id": "\(recipient.broadcastID)", "recipient.id": "\(id)", "reason": reason])
        return .retry(recipientID: id, nextAttemptAt: clock().addingTimeInterval(delay), reason: reason)
    }

    /// Telegram returns 403 when the citizen blocked the bot, and Zalo returns -217 when they
    /// blocked the Official Account.
    static func isBlocked(_ reason: String, channel: ChannelKind) -> Bool {
        switch channel {
        case .telegram: return reason.contains("403")
        case .zalo: return reason.contains("-217")
        case .messenger: return false
        }
    }
}

/// Outcomes gathered from concurrent send tasks.
private final class RecipientOutcomes: Sendable {
    private let items = Mutex<[RecipientOutcome]>([])

    func add(_ outcome: RecipientOutcome) { items.withLock { $0.append(outcome) } }

    var all: [RecipientOutcome] { items.withLock { $0 } }
}
