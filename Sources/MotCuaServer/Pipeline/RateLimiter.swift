import Foundation

/// A token bucket: it contains at most `burst` tokens and gains `ratePerSecond` tokens each second.
/// Each send takes one token. The caller passes the time, so tests can use a fake clock.
struct RateLimiter: Sendable, Equatable {
    let ratePerSecond: Double
    let burst: Double
    private var tokens: Double
    private var updatedAt: Date?

    /// Starts full, so the first `burst` sends pass at once.
    init(ratePerSecond: Double, burst: Double) {
        precondition(ratePerSecond > 0 && burst >= 1, "a rate limiter needs a positive rate and a burst of at least 1")
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.tokens = burst
    }

    /// Seconds until one token is available at `now`; 0 when one is available already.
    func waitTime(now: Date) -> TimeInterval {
        let available = tokens(at: now)
        return available >= 1 ? 0 : (1 - available) / ratePerSecond
    }

    /// Takes one token at `now` and returns 0, or returns the seconds until one is available and
    /// takes nothing.
    mutating func take(now: Date) -> TimeInterval {
        let wait = waitTime(now: now)
        guard wait == 0 else { return wait }

        tokens = tokens(at: now) - 1
        updatedAt = now
        return 0
    }

    /// Returns whether the bucket is full at `now`, so dropping it loses nothing.
    func isFull(now: Date) -> Bool { tokens(at: now) >= burst }

    private func tokens(at now: Date) -> Double {
        guard let updatedAt else { return tokens }
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        return min(burst, tokens + elapsed * ratePerSecond)
    }
}
