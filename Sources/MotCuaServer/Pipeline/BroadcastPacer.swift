import Foundation
import MotCuaCore

/// Token buckets of the broadcast sends, one per rate-limited channel. A bucket contains at most
/// `burst` tokens and gains `ratePerSecond` tokens each second, and each send takes one token.
/// The caller passes the time, so tests can use a fake clock.
struct BroadcastPacer: Sendable {
    private struct Bucket: Sendable {
        let ratePerSecond: Double
        let burst: Double
        var tokens: Double
        var updatedAt: Date?

        func tokens(at now: Date) -> Double {
            guard let updatedAt else { return tokens }
            return min(burst, tokens + max(0, now.timeIntervalSince(updatedAt)) * ratePerSecond)
        }
    }

    private var buckets: [ChannelKind: Bucket]

    /// Returns the fastest rate among `channels` in sends per second, or nil when one has no rate.
    func fastestRate(of channels: [ChannelKind]) -> Double? {
        var fastest = 0.0
        for channel in channels {
            guard let bucket = buckets[channel] else { return nil }
            fastest = max(fastest, bucket.ratePerSecond)
        }
        return fastest
    }

    /// Starts every bucket full, with a quarter of a second of sends as its burst.
    init(perSecond: [ChannelKind: Double]) {
        buckets = perSecond.filter { $0.value > 0 }.mapValues { rate in
            let burst = max(1, (rate / 4).rounded())
            return Bucket(ratePerSecond: rate, burst: burst, tokens: burst)
        }
    }

    /// Takes one token of `channel` at `now` and returns true, or returns false and takes nothing
    /// when the bucket is empty. A channel without a rate always passes.
    mutating func take(_ channel: ChannelKind, now: Date) -> Bool {
        guard var bucket = buckets[channel] else { return true }
        let available = bucket.tokens(at: now)
        guard available >= 1 else { return false }
        bucket.tokens = available - 1
        bucket.updatedAt = now
        buckets[channel] = bucket
        return true
    }

    /// Returns how many sends the fullest bucket of `channels` allows at `now`, or nil when one of
    /// them has no rate. Recipients of the other channels wait for a later claim.
    func capacity(of channels: [ChannelKind], now: Date) -> Int? {
        var most = 0.0
        for channel in channels {
            guard let bucket = buckets[channel] else { return nil }
            most = max(most, bucket.tokens(at: now).rounded(.down))
        }
        return Int(most)
    }

    /// Returns the seconds until one of `channels` has `count` tokens at `now`, at most the time
    /// to fill its bucket, or 0 when a channel has no rate.
    func waitTime(for count: Int, of channels: [ChannelKind], now: Date) -> TimeInterval {
        var wait = TimeInterval.infinity
        for channel in channels {
            guard let bucket = buckets[channel] else { return 0 }
            let needed = min(Double(count), bucket.burst) - bucket.tokens(at: now)
            wait = min(wait, max(0, needed) / bucket.ratePerSecond)
        }
        return wait.isFinite ? wait : 0
    }
}
