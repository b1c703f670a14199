import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import Synchronization

/// Starts due broadcasts and sends them to their recipients. A crash never leads to a second
/// send to a recipient.
///
/// A claim moves recipients to `sending` in a committed transaction before any request is made,
/// so a crash after a request never leads to a second one. The requests of a claim run
/// concurrently through libcurl, and their outcomes are recorded in one transaction. The
/// background loop keeps several claims in flight (see `BroadcastDeliverer+Pipeline.swift`),
/// but never more than `batchSize` recipients in `sending` at once, so a crash leaves at most
/// `batchSize` recipients with an unknown outcome.
final class BroadcastDeliverer: Sendable {
    let store: any Store
    let client: HTTPClient
    let channels: ChannelSettings
    let zaloTokens: ZaloTokenManager?
    let settings: BroadcastSettings
    let logger: Logger
    let clock: @Sendable () -> Date
    let metrics: BroadcastMetrics?
    private let loop = Mutex<BackgroundLoop?>(nil)
    let pacer: Mutex<BroadcastPacer>
    /// Rounds in a row that gave way to due replies.
    private let yieldedRounds = Mutex(0)
    let pipeline = Mutex(BroadcastPipeline())
    /// Notified when a claim in flight finishes.
    let claimFinished = WakeSignal()
    /// Logs failed rounds once, then a summary a minute while they go on, and their recovery.
    let roundFailures: RepeatedFailureLog

    init(
        store: any Store, client: HTTPClient, channels: ChannelSettings, zaloTokens: ZaloTokenManager?,
        settings: BroadcastSettings, logger: Logger, clock: @escaping @Sendable () -> Date,
        metrics: BroadcastMetrics? = nil
    ) {
        self.store = store
        self.client = client
        self.channels = channels
        self.zaloTokens = zaloTokens
        self.settings = settings
        self.logger = logger
        self.roundFailures = RepeatedFailureLog(action: "broadcast round", logger: logger)
        self.clock = clock
        self.metrics = metrics
        self.pacer = Mutex(BroadcastPacer(perSecond: settings.perSecond))
    }

    func start() {
        let loop = BackgroundLoop(name: "motcua.broadcast", idleInterval: settings.idleSeconds) { [self] in
            runPipelinedRound()
        }
        self.loop.withLock { $0 = loop }
        loop.start()
    }

    /// Called after a broadcast was approved, resumed or created without approval.
    func wake() { loop.withLock { $0 }?.wake() }

    /// Waits for the claims in flight, records their outcomes and stops.
    func stop() {
        loop.withLock { $0 }?.stop()
        drainClaims()
    }

    /// Runs one round and waits for its sends; returns how many recipients it claimed or set
    /// waiting. Tests drive the worker with it.
    @discardableResult
    func runRound() -> Int {
        let now = clock()
        do {
            try housekeeping(now: now)
            guard let claim = try claimBatch(now: now, limit: settings.batchSize) else {
                roundFailures.succeeded()
                return 0
            }
            let outcomes = send(claim)
            try record(outcomes)
            try completeFinished()
            roundFailures.succeeded()
            return claim.handled
        } catch {
            // NOTE: the deliverer has no ServiceMetrics, so motcua_database_errors_total does not
            // count failed broadcast rounds.
            roundFailures.failed(error)
            return 0
        }
    }

    func housekeeping(now: Date) throws {
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

    func completeFinished() throws {
        let completed = try store.completeFinishedBroadcasts(now: clock())
        for id in completed { logger.info("broadcast completed", ["broadcast.id": "\(id)"]) }
    }

    /// The outcome of one recipient with the channel it was sent on, for the metrics.
    typealias ChannelOutcome = (outcome: RecipientOutcome, channel: ChannelKind)

    /// Records outcomes in one transaction and counts them by channel and result.
    func record(_ outcomes: [ChannelOutcome]) throws {
        guard !outcomes.isEmpty else { return }
        try store.recordRecipientOutcomes(outcomes.map(\.outcome), now: clock())
        metrics?.countSends(outcomes)
    }

    /// Recipients claimed for sending in one transaction, with what their requests need.
    struct Claim: Sendable {
        var recipients: [BroadcastRecipient]
        var messages: [OutboundMessage]
        /// Recipients claimed, set waiting or failed for good.
        var handled: Int
        /// Channels with due recipients left queued because their rate limit had no token.
        var rateLimited: Set<ChannelKind> = []
    }

    /// Claims up to `limit` due recipients: those whose channel window and rate allow a send now
    /// move to `sending`, the others to `waiting` or `failed`. Returns nil when nothing was due.
    /// While replies to conversations are due it claims nothing, for at most `maxYieldRounds`
    /// rounds in a row, so live conversations keep priority.
    func claimBatch(now: Date, limit: Int) throws -> Claim? {
        let replyWaiting = try store.hasDueReplies(now: now)
        let yields = yieldedRounds.withLock { count in
            count = replyWaiting ? count + 1 : 0
            return count
        }
        if replyWaiting, yields <= settings.maxYieldRounds {
            return nil
        }
        yieldedRounds.withLock { $0 = 0 }

        let due = try store.dueRecipients(now: now, limit: limit)
        guard !due.isEmpty else { return nil }

        var broadcasts: [Int64: Broadcast] = [:]
        var sending: [BroadcastRecipient] = []
        var waiting: [(id: Int64, reason: String)] = []
        var never: [ChannelOutcome] = []
        var rateLimited: Set<ChannelKind> = []
        var pacer = self.pacer.withLock { $0 }
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
                guard pacer.take(recipient.conversationID.channel, now: now) else {
                    rateLimited.insert(recipient.conversationID.channel)
                    continue
                }
                sending.append(recipient)
            case .waitForMessage(let reason):
                waiting.append((recipient.id, reason))
            case .never(let reason):
                never.append((.failed(recipientID: recipient.id, reason: reason), recipient.conversationID.channel))
            }
        }
        self.pacer.withLock { $0 = pacer }

        let claimed = try store.claimRecipients(
            sending: sending.map(\.id) + never.map(\.outcome.recipientID), waiting: waiting, now: now,
            lease: settings.leaseSeconds)
        try record(never.filter { claimed.contains($0.outcome.recipientID) })

        let today = CivilDate(now, timeZone: settings.quietHours.timeZone)
        var rendered: [String: OutboundMessage] = [:]
        var claim = Claim(
            recipients: [], messages: [], handled: sending.count + waiting.count + never.count,
            rateLimited: rateLimited)
        for recipient in sending where claimed.contains(recipient.id) {
            guard let broadcast = broadcasts[recipient.broadcastID] else { continue }
            // The text depends only on the broadcast, the commune and the day, so it is rendered
            // once per commune.
            let key = "\(recipient.broadcastID)/\(recipient.commune)"
            let message =
                rendered[key] ?? BroadcastText.message(for: broadcast, commune: recipient.commune, date: today)
            rendered[key] = message
            claim.recipients.append(recipient)
            claim.messages.append(message)
        }
        return claim
    }

    func isEnabled(_ channel: ChannelKind) -> Bool {
        switch channel {
        case .zalo: return channels.zalo != nil
        case .telegram: return channels.telegram != nil
        case .messenger: return channels.messenger != nil
        }
    }
}
