import Foundation
import Synchronization

/// Counters, gauges and histograms of the running service, rendered in the Prometheus text
/// exposition format (version 0.0.4) for `GET /metrics`.
///
/// Any component may register its metrics: call `counter`, `gauge` or `histogram` once with a
/// name and a help text, keep the returned handle, and update it from any thread. Values that
/// live elsewhere, such as row counts in the database, are read at scrape time by a closure
/// given to `collect`. Registering a name twice returns the same family, so components may
/// register in any order. Registering a name again with another kind is a programming error and traps.
public final class MetricsRegistry: Sendable {
    public enum Kind: String, Sendable {
        case counter
        case gauge
        case histogram
    }

    /// One labelled value read by a collector at scrape time.
    public struct Sample: Sendable {
        public var labels: [String: String]
        public var value: Double

        public init(labels: [String: String] = [:], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    struct Series {
        var value = 0.0
        var bucketCounts: [UInt64] = []
        var sum = 0.0
        var count: UInt64 = 0
    }

    struct Family {
        var name: String
        var help: String
        var kind: Kind
        var buckets: [Double]
        var series: [[String: String]: Series] = [:]
    }

    private struct Collector {
        var name: String
        var help: String
        var kind: Kind
        var read: @Sendable () -> [Sample]
    }

    private let families = Mutex<[String: Family]>([:])
    private let collectors = Mutex<[Collector]>([])

    public init() {}

    public func counter(_ name: String, help: String) -> Counter {
        register(name, help: help, kind: .counter, buckets: [])
        return Counter(registry: self, name: name)
    }

    public func gauge(_ name: String, help: String) -> Gauge {
        register(name, help: help, kind: .gauge, buckets: [])
        return Gauge(registry: self, name: name)
    }

    /// Registers a histogram; `buckets` are the upper bounds in ascending order, without +Inf.
    public func histogram(_ name: String, help: String, buckets: [Double]) -> Histogram {
        register(name, help: help, kind: .histogram, buckets: buckets.sorted())
        return Histogram(registry: self, name: name)
    }

    /// Registers a counter or gauge whose samples `read` returns at every scrape. `read` runs on
    /// the HTTP thread that serves the scrape, so it must be quick. When it returns no samples,
    /// the family is left out of that scrape, for example after a failed database read.
    public func collect(_ name: String, help: String, kind: Kind, read: @escaping @Sendable () -> [Sample]) {
        precondition(kind != .histogram, "collected metric \(name) must be a counter or gauge")
        collectors.withLock { $0.append(Collector(name: name, help: help, kind: kind, read: read)) }
    }

    private func register(_ name: String, help: String, kind: Kind, buckets: [Double]) {
        precondition(Self.isValidName(name), "metric name \(name) is not a valid Prometheus name")
        families.withLock { families in
            if let existing = families[name] {
                precondition(existing.kind == kind, "metric \(name) is already registered as a \(existing.kind)")
                return
            }
            families[name] = Family(name: name, help: help, kind: kind, buckets: buckets)
        }
    }

    func update(_ name: String, labels: [String: String], _ change: (inout Series, [Double]) -> Void) {
        families.withLock { families in
            guard let buckets = families[name]?.buckets else { return }
            // Mutating through the dictionary's subscript avoids copying the family's series.
            var series =
                families[name]?.series.removeValue(forKey: labels)
                ?? Series(bucketCounts: Array(repeating: 0, count: buckets.count))
            change(&series, buckets)
            families[name]?.series[labels] = series
        }
    }

    /// Returns the current value of one series, or nil when it was never set; for tests and
    /// for components that read their own counters.
    public func value(_ name: String, labels: [String: String] = [:]) -> Double? {
        families.withLock { $0[name]?.series[labels]?.value }
    }

    /// Renders every family, sorted by name, in the Prometheus text format.
    public func exposition() -> String {
        var rendered: [(String, String)] = families.withLock { families in
            families.values.map { ($0.name, Self.render($0)) }
        }
        let collected = collectors.withLock { $0 }
        for collector in collected {
            let samples = collector.read()
            guard !samples.isEmpty else { continue }
            var family = Family(name: collector.name, help: collector.help, kind: collector.kind, buckets: [])
            for sample in samples {
                family.series[sample.labels] = Series(value: sample.value)
            }
            rendered.append((collector.name, Self.render(family)))
        }
        return rendered.sorted { $0.0 < $1.0 }.map(\.1).joined()
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}

/// A value that only goes up, such as requests handled.
public struct Counter: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func increment(_ labels: [String: String] = [:], by amount: Double = 1) {
        guard amount >= 0 else { return }
        registry.update(name, labels: labels) { series, _ in series.value += amount }
    }
}

/// A value that goes up and down, such as entries waiting.
public struct Gauge: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func set(_ value: Double, _ labels: [String: String] = [:]) {
        registry.update(name, labels: labels) { series, _ in series.value = value }
    }

    public func add(_ amount: Double, _ labels: [String: String] = [:]) {
        registry.update(name, labels: labels) { series, _ in series.value += amount }
    }
}

/// Observations counted into cumulative buckets, such as durations in seconds.
public struct Histogram: Sendable {
    let registry: MetricsRegistry
    public let name: String

    public func observe(_ value: Double, _ labels: [String: String] = [:]) {
        registry.update(name, labels: labels) { series, buckets in
            for (index, bound) in buckets.enumerated() where value <= bound {
                series.bucketCounts[index] += 1
            }
            series.sum += value
            series.count += 1
        }
    }
}
