import Foundation
import MotCuaCore
import MotCuaStorage

/// The claims the background loop has in flight, and the outcomes of those that finished.
struct BroadcastPipeline: Sendable {
    var claimsInFlight = 0
    /// Recipients in `sending` whose outcome is not recorded yet, finished claims included.
    var recipientsUnrecorded = 0
    var finished: [BroadcastDeliverer.ChannelOutcome] = []
    var lastHousekeeping: Date?
}

extension BroadcastDeliverer {
    /// The maximum number of claims sent at the same time. Each claim takes a quarter of
    /// `batchSize`, so the database work of one claim overlaps with the requests of the others.
    static let maxClaimsInFlight = 4
    /// Seconds between housekeeping steps while recipients are being sent. An idle round always
    /// runs one.
    static let housekeepingInterval = 1.0
    /// The minimum claim of a rate-limited channel, in seconds of sends, so pacing stays smooth
    /// without a database round for every token.
    static let pacingSeconds = 0.01

    /// Runs one round of the background loop: records the outcomes of finished claims, runs
    /// housekeeping when due, and starts a new claim when there is room. Returns false when
    /// nothing was due and nothing is in flight, so the loop can sleep.
    func runPipelinedRound() -> Bool {
        do {
            try recordFinishedClaims()
            let now = clock()
            let state = pipeline.withLock { $0 }
            let due = state.lastHousekeeping.map { now.timeIntervalSince($0) >= Self.housekeepingInterval } ?? true
            if due {
                try housekeeping(now: now)
                try completeFinished()
                pipeline.withLock { $0.lastHousekeeping = now }
            }

            let chunk = max(1, (settings.batchSize + Self.maxClaimsInFlight - 1) / Self.maxClaimsInFlight)
            var limit = min(chunk, settings.batchSize - state.recipientsUnrecorded)
            guard state.claimsInFlight < Self.maxClaimsInFlight, limit > 0 else {
                claimFinished.wait(timeout: 1)
                return true
            }
            let enabled = ChannelKind.allCases.filter(isEnabled)
            if let paced = pacedLimit(limit, channels: enabled, now: now) {
                guard paced.wait == 0 else {
                    claimFinished.wait(timeout: paced.wait)
                    return true
                }
                limit = paced.limit
            }

            let claimed = try claimBatch(now: now, limit: limit)
            roundFailures.succeeded()
            guard let claim = claimed else {
                return waitForClaimsInFlight(idle: state.claimsInFlight == 0)
            }
            if !claim.recipients.isEmpty {
                launch(claim)
                return true
            }
            if !claim.rateLimited.isEmpty {
                let wait = pacedLimit(limit, channels: Array(claim.rateLimited), now: clock())?.wait ?? 0
                claimFinished.wait(timeout: max(0.001, wait))
                return true
            }
            return claim.handled > 0 || waitForClaimsInFlight(idle: state.claimsInFlight == 0)
        } catch {
            roundFailures.failed(error)
            pipeline.withLock { $0.lastHousekeeping = nil }
            return false
        }
    }

    /// Returns the claim size the rate limits of `channels` allow now, or the seconds to wait
    /// for 10 ms of sends, or nil when one of the channels has no limit.
    private func pacedLimit(_ limit: Int, channels: [ChannelKind], now: Date) -> (limit: Int, wait: TimeInterval)? {
        pacer.withLock { pacer in
            guard let fastest = pacer.fastestRate(of: channels),
                let capacity = pacer.capacity(of: channels, now: now)
            else { return nil }
            let least = min(limit, max(1, Int(fastest * Self.pacingSeconds)))
            guard capacity >= least else {
                return (0, max(0.001, pacer.waitTime(for: least, of: channels, now: now)))
            }
            return (min(limit, capacity), 0)
        }
    }

    /// Waits for a claim in flight to finish after a round that claimed nothing, or returns false
    /// when none is in flight so the loop sleeps.
    private func waitForClaimsInFlight(idle: Bool) -> Bool {
        if idle {
            pipeline.withLock { $0.lastHousekeeping = nil }
            return false
        }
        claimFinished.wait(timeout: 1)
        return true
    }

    /// Sends `claim` in a task; its outcomes are recorded by the loop thread in a later round.
    private func launch(_ claim: Claim) {
        pipeline.withLock { state in
            state.claimsInFlight += 1
            state.recipientsUnrecorded += claim.recipients.count
        }
        Task { [self] in
            let outcomes = await sendConcurrently(claim)
            pipeline.withLock { state in
                state.claimsInFlight -= 1
                state.finished += outcomes
            }
            claimFinished.notify()
        }
    }

    /// Records the outcomes of every finished claim in one transaction. When the write fails the
    /// recipients stay in `sending` until their lease ends, and then become `outcome_unknown`.
    func recordFinishedClaims() throws {
        let outcomes = pipeline.withLock { state in
            defer { state.finished = [] }
            return state.finished
        }
        guard !outcomes.isEmpty else { return }
        defer { pipeline.withLock { $0.recipientsUnrecorded -= outcomes.count } }
        try record(outcomes)
    }

    /// Waits for every claim in flight and records its outcomes, after the loop stopped.
    func drainClaims() {
        while pipeline.withLock({ $0.claimsInFlight }) > 0 {
            claimFinished.wait(timeout: 0.1)
        }
        do {
            try recordFinishedClaims()
        } catch {
            logger.error("recording broadcast outcomes failed", ["error": "\(error)"])
        }
    }
}
