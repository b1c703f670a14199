import Foundation
import MotCuaCore
import MotCuaStorage

/// The broadcast metrics, all named `motcua_broadcast_…` or `motcua_broadcasts`.
struct BroadcastMetrics: Sendable {
    /// Recorded send outcomes by `channel` and `result`.
    let sends: Counter

    /// Registers the counter and the gauges read from the store at every scrape.
    init(registry: MetricsRegistry, store: any Store, errors: Counter) {
        sends = registry.counter(
            "motcua_broadcast_sends_total",
            help: "Broadcast send outcomes recorded, by channel and result (sent, failed, blocked, retry).")
        registry.collect(
            "motcua_broadcasts", help: "Broadcasts among the 200 newest, by state.", kind: .gauge
        ) {
            guard let broadcasts = Self.read(store, errors, { try $0.broadcasts(limit: Self.scanned, offset: 0) })
            else { return [] }
            var counts: [BroadcastState: Int] = [:]
            for broadcast in broadcasts { counts[broadcast.state, default: 0] += 1 }
            return BroadcastState.allCases.map { state in
                .init(labels: ["state": state.rawValue], value: Double(counts[state] ?? 0))
            }
        }
        registry.collect(
            "motcua_broadcast_recipients",
            help: "Recipients of running and paused broadcasts, by state.", kind: .gauge
        ) {
            guard let counts = Self.read(store, errors, Self.activeRecipientCounts) else { return [] }
            return RecipientState.allCases.map { state in
                .init(labels: ["state": state.rawValue], value: Double(counts[state]))
            }
        }
    }

    /// How many of the newest broadcasts a scrape reads.
    static let scanned = 200

    /// Counts each outcome under its channel and result.
    func countSends(_ outcomes: [(outcome: RecipientOutcome, channel: ChannelKind)]) {
        var counts: [String: [String: Double]] = [:]
        for (outcome, channel) in outcomes {
            counts[channel.rawValue, default: [:]][Self.result(outcome), default: 0] += 1
        }
        for (channel, results) in counts {
            for (result, count) in results { sends.increment(["channel": channel, "result": result], by: count) }
        }
    }

    static func result(_ outcome: RecipientOutcome) -> String {
        switch outcome {
        case .sent: return "sent"
        case .failed: return "failed"
        case .blocked: return "blocked"
        case .retry: return "retry"
        }
    }

    /// Sums the recipient counts of running and paused broadcasts among the newest.
    private static func activeRecipientCounts(_ store: any Store) throws -> RecipientCounts {
        var total = RecipientCounts()
        let now = Date()
        for broadcast in try store.broadcasts(limit: scanned, offset: 0)
        where broadcast.state == .running || broadcast.state == .paused {
            let counts = try store.recipientCounts(broadcastID: broadcast.id, now: now)
            for (state, count) in counts.byState { total.byState[state, default: 0] += count }
        }
        return total
    }

    private static func read<Value>(
        _ store: any Store, _ errors: Counter, _ body: (any Store) throws -> Value
    ) -> Value? {
        do {
            return try body(store)
        } catch {
            errors.increment(["operation": "broadcast_metrics"])
            return nil
        }
    }
}
