import Foundation

/// The figures of one wrk run, read from the text wrk prints with `--latency`.
struct WrkResult: Equatable {
    var requests: Int
    var durationSeconds: Double
    var requestsPerSecond: Double
    /// Latency percentiles in milliseconds, keyed by percentile (50, 75, 90, 99).
    var latencyMilliseconds: [Int: Double]
    /// Responses with a status outside 2xx and 3xx.
    var non2xxResponses: Int
    /// Connect, read, write and timeout errors added together.
    var socketErrors: Int

    var p50: Double? { latencyMilliseconds[50] }
    var p99: Double? { latencyMilliseconds[99] }
}

/// A wrk output that lacks a figure the harness needs.
struct WrkParseError: Error, CustomStringConvertible {
    var missing: String
    var description: String { "wrk output has no \(missing)" }
}

extension WrkResult {
    /// Parses wrk 4.x output. Requires the summary line, `Requests/sec:` and the latency
    /// distribution that `--latency` adds.
    static func parse(_ output: String) throws -> WrkResult {
        var requests: Int?
        var duration: Double?
        var rate: Double?
        var latencies: [Int: Double] = [:]
        var non2xx = 0
        var socketErrors = 0

        for rawLine in output.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), words.count >= 2 {
                rate = Double(words[1])
            } else if words.count >= 4, words[1] == "requests", words[2] == "in" {
                requests = Int(words[0])
                duration = parseDuration(words[3].trimmingCharacters(in: CharacterSet(charactersIn: ",")))
            } else if words.count == 2, words[0].hasSuffix("%"), let percent = Int(words[0].dropLast()),
                let milliseconds = parseDuration(words[1]).map({ $0 * 1000 })
            {
                latencies[percent] = milliseconds
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                non2xx = count
            } else if line.hasPrefix("Socket errors:") {
                socketErrors = words.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }
                    .reduce(0, +)
            }
        }

        guard let requests, let duration else { throw WrkParseError(missing: "'N requests in T' summary line") }
        guard let rate else { throw WrkParseError(missing: "'Requests/sec:' line") }
        guard latencies[50] != nil, latencies[99] != nil else {
            throw WrkParseError(missing: "latency distribution (run wrk with --latency)")
        }
        return WrkResult(
            requests: requests, durationSeconds: duration, requestsPerSecond: rate, latencyMilliseconds: latencies,
            non2xxResponses: non2xx, socketErrors: socketErrors)
    }

    /// Converts a wrk duration such as `812.00us`, `1.20ms`, `5.00s` or `1.50m` to seconds.
    static func parseDuration(_ text: String) -> Double? {
        let units: [(suffix: String, seconds: Double)] = [
            ("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Double(text.dropLast(unit.suffix.count)) else { return nil }
            return value * unit.seconds
        }
        return nil
    }
}
