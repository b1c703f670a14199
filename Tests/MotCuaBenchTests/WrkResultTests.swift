import Testing

@testable import motcua_bench

struct WrkResultTests {
    static let sample = """
        Running 6s test @ http://127.0.0.1:21001/webhooks/zalo
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.21ms  402.11us  12.30ms   88.10%
            Req/Sec    13.40k     1.02k   15.11k    71.67%
          Latency Distribution
             50%    1.12ms
             75%    1.40ms
             90%    1.71ms
             99%    2.85ms
          160042 requests in 6.00s, 19.54MB read
          Socket errors: connect 0, read 2, write 0, timeout 3
          Non-2xx or 3xx responses: 7
        Requests/sec:  26673.21
        Transfer/sec:      3.26MB
        """

    @Test func readsThroughputAndCounts() throws {
        let result = try WrkResult.parse(Self.sample)
        #expect(result.requests == 160_042)
        #expect(result.durationSeconds == 6)
        #expect(result.requestsPerSecond == 26_673.21)
        #expect(result.non2xxResponses == 7)
        #expect(result.socketErrors == 5)
    }

    @Test func readsLatencyPercentilesInMilliseconds() throws {
        let result = try WrkResult.parse(Self.sample)
        #expect(result.p50 == 1.12)
        #expect(result.latencyMilliseconds[75] == 1.40)
        #expect(result.latencyMilliseconds[90] == 1.71)
        #expect(result.p99 == 2.85)
    }

    @Test func cleanRunHasNoErrors() throws {
        let clean = Self.sample.split(separator: "\n")
            .filter { !$0.contains("Socket errors") && !$0.contains("Non-2xx") }
            .joined(separator: "\n")
        let result = try WrkResult.parse(clean)
        #expect(result.non2xxResponses == 0)
        #expect(result.socketErrors == 0)
    }

    @Test(arguments: [
        ("812.00us", 0.000812), ("1.20ms", 0.0012), ("5.00s", 5.0), ("1.50m", 90.0), ("2.00h", 7200.0),
    ])
    func parsesDurationUnits(text: String, seconds: Double) {
        let parsed = WrkResult.parseDuration(text)
        #expect(parsed.map { abs($0 - seconds) < 1e-9 } == true)
    }

    @Test(arguments: ["", "12.0", "abcms", "1.2xs"])
    func rejectsInvalidDurations(text: String) {
        #expect(WrkResult.parseDuration(text) == nil)
    }

    @Test func missingLatencyDistributionFails() {
        let withoutLatency = Self.sample.split(separator: "\n").filter { !$0.contains("%  ") && !$0.hasSuffix("ms") }
            .joined(separator: "\n")
        #expect(throws: WrkParseError.self) { try WrkResult.parse(withoutLatency) }
    }

    @Test func missingRequestRateFails() {
        let withoutRate = Self.sample.split(separator: "\n").filter { !$0.hasPrefix("Requests/sec") }
            .joined(separator: "\n")
        #expect(throws: WrkParseError.self) { try WrkResult.parse(withoutRate) }
    }

    @Test func emptyOutputFails() {
        #expect(throws: WrkParseError.self) { try WrkResult.parse("") }
    }
}
