import Foundation
import Synchronization

/// The arrival times of the messages the mock platform accepts during one broadcast run.
final class BroadcastArrivals: Sendable {
    private let times = Mutex<[ContinuousClock.Instant]>([])

    init() {
        times.withLock { $0.reserveCapacity(100_000) }
    }

    var count: Int { times.withLock { $0.count } }

    func record() {
        let now = ContinuousClock.now
        times.withLock { $0.append(now) }
    }

    /// Arrival times in seconds after the first arrival, in order.
    func offsets() -> [Double] {
        let all = times.withLock { $0 }
        guard let first = all.first else { return [] }
        return all.map { ($0 - first).seconds }
    }

    /// Messages per second between the first and the last arrival, or nil with fewer than two.
    static func overallRate(_ offsets: [Double]) -> Double? {
        guard offsets.count >= 2, let last = offsets.last, last > 0 else { return nil }
        return Double(offsets.count - 1) / last
    }

    /// Messages per second after the first `warmUpSeconds`, which leaves out the token bucket's
    /// initial burst. Returns nil when less than one second remains after it.
    static func steadyRate(_ offsets: [Double], warmUpSeconds: Double) -> Double? {
        guard let last = offsets.last, last - warmUpSeconds >= 1 else { return nil }
        let after = offsets.filter { $0 > warmUpSeconds }.count
        return Double(after) / (last - warmUpSeconds)
    }
}
