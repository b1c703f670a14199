import Foundation
import MotCuaServer
import Testing

struct MetricsRegistryTests {
    @Test func counterHasHelpTypeAndSortedLabels() {
        let registry = MetricsRegistry()
        let counter = registry.counter("demo_requests_total", help: "Requests handled.")
        counter.increment(["result": "ok", "channel": "zalo"])
        counter.increment(["result": "ok", "channel": "zalo"], by: 2)
        counter.increment(["channel": "telegram", "result": "bad\"quote"])

        let lines = registry.exposition().split(separator: "\n").map(String.init)
        #expect(lines.first == "# HELP demo_requests_total Requests handled.")
        #expect(lines.contains("# TYPE demo_requests_total counter"))
        #expect(lines.contains(#"demo_requests_total{channel="zalo",result="ok"} 3"#))
        #expect(lines.contains(#"demo_requests_total{channel="telegram",result="bad\"quote"} 1"#))
    }

    @Test func counterIgnoresNegativeAmounts() {
        let registry = MetricsRegistry()
        let counter = registry.counter("demo_total", help: "Demo.")
        counter.increment(by: 5)
        counter.increment(by: -3)
        #expect(registry.value("demo_total") == 5)
    }

    @Test func gaugeSetsAndAdds() {
        let registry = MetricsRegistry()
        let gauge = registry.gauge("demo_depth", help: "Depth.")
        gauge.set(4)
        gauge.add(-1.5)
        #expect(registry.exposition().contains("demo_depth 2.5\n"))
    }

    @Test func histogramBucketsAreCumulative() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("demo_seconds", help: "Durations.", buckets: [0.1, 1])
        for value in [0.05, 0.5, 0.7, 3] { histogram.observe(value) }

        let text = registry.exposition()
        #expect(text.contains("# TYPE demo_seconds histogram\n"))
        #expect(text.contains(#"demo_seconds_bucket{le="0.1"} 1"#))
        #expect(text.contains(#"demo_seconds_bucket{le="1"} 3"#))
        #expect(text.contains(#"demo_seconds_bucket{le="+Inf"} 4"#))
        #expect(text.contains("demo_seconds_sum 4.25\n"))
        #expect(text.contains("demo_seconds_count 4\n"))
    }

    @Test func collectorReadsAtScrapeTime() {
        let registry = MetricsRegistry()
        let depth = Depth()
        registry.collect("demo_queue_depth", help: "Queue depth.", kind: .gauge) {
            [.init(labels: ["queue": "main"], value: Double(depth.value))]
        }
        depth.value = 7
        #expect(registry.exposition().contains(#"demo_queue_depth{queue="main"} 7"#))
        depth.value = 2
        #expect(registry.exposition().contains(#"demo_queue_depth{queue="main"} 2"#))
    }

    @Test func emptyCollectorIsLeftOut() {
        let registry = MetricsRegistry()
        registry.collect("demo_missing", help: "Never read.", kind: .gauge) { [] }
        #expect(!registry.exposition().contains("demo_missing"))
    }

    @Test func registeringTwiceKeepsValues() {
        let registry = MetricsRegistry()
        registry.counter("demo_total", help: "Demo.").increment()
        registry.counter("demo_total", help: "Demo.").increment()
        #expect(registry.value("demo_total") == 2)
        #expect(registry.exposition().components(separatedBy: "# TYPE demo_total").count == 2)
    }
}

/// A value a collector closure reads; tests set it from one task.
private final class Depth: @unchecked Sendable {
    // @unchecked: written and read by one test task only.
    var value = 0
}
