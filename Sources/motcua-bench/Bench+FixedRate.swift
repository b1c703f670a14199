import Foundation

extension Bench {
    /// p99 ack latency with wrk held near a fixed rate: each connection waits a fixed number of
    /// milliseconds between requests, and the wait is tuned once from a short probe run.
    func measureFixedRate() async throws -> ResultRow {
        let rate = options.fixedRate
        let connections = 100
        announce("Đo độ trễ p99 ở tốc độ cố định \(Format.rate(Double(rate))) sự kiện/giây…")
        let (mock, _) = try startMockPlatform()
        defer { mock.stop() }
        return try await withServe(name: "fixed-rate", mockBase: mock.baseURL) { serve in
            try await runFixedRate(
                url: "http://127.0.0.1:\(serve.port)/webhooks/zalo", rate: rate, connections: connections)
        }
    }

    private func runFixedRate(url: String, rate: Int, connections: Int) async throws -> ResultRow {

        // Each connection sends one request per cycle of (wait + response time).
        let cycleMilliseconds = Double(connections) * 1000 / Double(rate)
        var wait = max(1, Int(cycleMilliseconds.rounded()) - 1)
        let probeSeconds = 2
        let probeScript = try prepareLoad(
            name: "fixed-probe", count: rate * probeSeconds * 2, users: options.users, threads: options.threads,
            delayMilliseconds: wait)
        let probe = try await runWrk(
            url: url, script: probeScript, threads: options.threads, connections: connections,
            durationSeconds: probeSeconds)
        if probe.requestsPerSecond > 0 {
            let overhead = Double(connections) * 1000 / probe.requestsPerSecond - Double(wait)
            wait = max(1, Int((cycleMilliseconds - overhead).rounded()))
        }

        let script = try prepareLoad(
            name: "fixed", count: rate * options.loadSeconds * 2, users: options.users, threads: options.threads,
            delayMilliseconds: wait)
        let wrk = try await runWrk(
            url: url, script: script, threads: options.threads, connections: connections,
            durationSeconds: options.loadSeconds)

        let achieved = wrk.requestsPerSecond
        let p99 = wrk.p99 ?? .infinity
        let nearRate = abs(achieved - Double(rate)) <= Double(rate) * 0.1
        done("đạt \(Format.rate(achieved)) sự kiện/giây, p99 \(Format.ms(wrk.p99))")
        return ResultRow(
            figure: "p99 xác nhận ở 5,000/s · p99 ack at 5,000 events/s", value: Format.ms(wrk.p99),
            target: "< 5 ms", verdict: p99 < 5 && nearRate ? .met : .missed,
            method:
                "wrk with \(connections) connections, each waiting \(wait) ms after every response (Lua delay(), "
                + "tuned from a \(probeSeconds) s probe), achieved \(Format.rate(achieved)) events/s; not an open-loop "
                + "generator like wrk2, so latency excludes queueing before a request is written; p50 "
                + "\(Format.ms(wrk.p50)), \(wrk.non2xxResponses) non-2xx")
    }
}
