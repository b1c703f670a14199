import Foundation
import MotCuaChannels
import MotCuaHTTP

/// Figures of the full-speed webhook run that later rows compare with.
struct IngestFigures {
    var wrk: WrkResult
    /// Turns finished per second, from the first request to the last reply.
    var turnsPerSecond: Double
    var repliesPerTurn: Int
    var drainSeconds: Double
    var turnsCompleted: Int
    /// Distinct signed bodies the wrk script cycled through.
    var bodies: Int
}

extension Bench {
    /// Ingest and end-to-end under one full-speed wrk load of signed events for 10,000 users.
    func measureIngest() async throws -> IngestFigures {
        announce(
            "Đo tốc độ nhận webhook và số lượt trả lời (wrk \(options.loadSeconds) giây, \(options.users) người dùng)…")
        let (mock, replies) = try startMockPlatform()
        defer { mock.stop() }
        return try await withServe(name: "ingest", mockBase: mock.baseURL) { serve in
            try await runIngest(serve: serve, replies: replies)
        }
    }

    private func runIngest(serve: ServeProcess, replies: ReplyCounter) async throws -> IngestFigures {
        let repliesPerTurn = try await calibrateRepliesPerTurn(serve: serve, replies: replies)
        // Sized for up to 40,000 events/s so bodies do not repeat within the run.
        let count = options.loadSeconds * 40_000
        let script = try prepareLoad(name: "ingest", count: count, users: options.users, threads: options.threads)

        let repliesBefore = replies.value
        let start = ContinuousClock.now
        let wrk = try await runWrk(
            url: "http://127.0.0.1:\(serve.port)/webhooks/zalo", script: script, threads: options.threads,
            connections: options.connections, durationSeconds: options.loadSeconds)
        let loadEnd = ContinuousClock.now

        let acknowledged = wrk.requests - wrk.non2xxResponses
        let stored = min(acknowledged, count)
        let expected = repliesBefore + stored * repliesPerTurn
        let final = await replies.waitFor(expected, quietSeconds: 3, timeoutSeconds: 90)
        let last = replies.lastArrivalTime ?? loadEnd

        let turns = (final - repliesBefore) / repliesPerTurn
        let elapsed = max((last - start).seconds, 0.001)
        if wrk.non2xxResponses > 0 || wrk.socketErrors > 0 {
            FileHandleOutput.print(
                "  ! wrk: \(wrk.non2xxResponses) phản hồi không phải 2xx, \(wrk.socketErrors) lỗi socket")
        }
        if final < expected {
            FileHandleOutput.print("  ! chỉ nhận \(turns) trên \(stored) lượt trả lời trước khi hết giờ chờ")
        }
        let figures = IngestFigures(
            wrk: wrk, turnsPerSecond: Double(turns) / elapsed, repliesPerTurn: repliesPerTurn,
            drainSeconds: max((last - loadEnd).seconds, 0), turnsCompleted: turns, bodies: count)
        measuredIngestRate = wrk.requestsPerSecond
        done(
            "nhận \(Format.rate(wrk.requestsPerSecond)) sự kiện/giây, p99 \(Format.ms(wrk.p99)); "
                + "\(Format.rate(figures.turnsPerSecond)) lượt/giây đầu cuối")
        return figures
    }

    /// Sends one event for a new user and counts the replies, so that replies convert to turns.
    func calibrateRepliesPerTurn(serve: ServeProcess, replies: ReplyCounter) async throws -> Int {
        let before = replies.value
        let signed = ZaloWebhookBuilder.textEvent(
            text: options.eventText, userID: "9\(getpid())", msgID: "bench-calibrate-\(getpid())",
            timestampMillis: Int64(Date().timeIntervalSince1970 * 1000), settings: SignedEvents.settings)
        let request = HTTPClientRequest(
            method: "POST", url: "http://127.0.0.1:\(serve.port)/webhooks/zalo",
            headers: [
                (name: "Content-Type", value: "application/json"),
                (name: ZaloWebhook.signatureHeaderName, value: signed.signature),
            ], body: signed.body)
        let response = try await client.send(request)
        guard response.status == 200 else {
            throw BenchError("webhook thử trả về HTTP \(response.status); nhật ký server:\n\(serve.log)")
        }
        let after = await replies.waitFor(Int.max, quietSeconds: 0.5, timeoutSeconds: 5)
        guard after > before else {
            throw BenchError("Zalo giả lập không nhận được trả lời nào cho webhook thử; nhật ký server:\n\(serve.log)")
        }
        return after - before
    }

    /// The same wrk load against an HTTPServer in this process that returns 200 and does no other work.
    func measureFloor() async throws -> WrkResult {
        announce("Đo mức nền: cùng tải wrk vào một server libmicrohttpd chỉ trả 200…")
        let server = HTTPServer(
            configuration: .init(host: "127.0.0.1", port: allocatePort(), threadCount: 2),
            handler: { _ in .json(200, Array(#"{"status":"ok"}"#.utf8)) })
        try server.start()
        defer { server.stop() }
        let script = try prepareLoad(name: "floor", count: 20_000, users: options.users, threads: options.threads)
        let wrk = try await runWrk(
            url: "http://127.0.0.1:\(server.port)/webhooks/zalo", script: script, threads: options.threads,
            connections: options.connections, durationSeconds: options.loadSeconds)
        done("mức nền \(Format.rate(wrk.requestsPerSecond)) yêu cầu/giây, p99 \(Format.ms(wrk.p99))")
        return wrk
    }

    /// Rows for ingest, its latency, the floor and the ratio when the floor ran, and end-to-end turns.
    func ingestRows(_ ingest: IngestFigures, floor: WrkResult?) -> [ResultRow] {
        let rate = ingest.wrk.requestsPerSecond
        let load = "wrk -t\(options.threads) -c\(options.connections) -d\(options.loadSeconds)s --latency"
        let events = "signed Zalo text events for \(options.users) users, signature checks on"
        let repeats =
            ingest.wrk.requests > ingest.bodies
            ? "; bodies repeated after \(ingest.bodies) requests, and repeats are duplicates acknowledged without storing"
            : ""
        var rows = [
            ResultRow(
                figure: "nhận webhook / webhook ingest (events/s)", value: Format.rate(rate), target: "≥ 30,000",
                verdict: rate >= 30_000 ? .met : .missed,
                method:
                    "\(load) POST /webhooks/zalo, \(events); each 200 follows a commit with WAL and "
                    + "synchronous=FULL; \(ingest.wrk.requests) requests, \(ingest.wrk.non2xxResponses) non-2xx"
                    + repeats),
            ResultRow(
                figure: "độ trễ xác nhận p50 / p99 ack latency at full speed",
                value: "\(Format.ms(ingest.wrk.p50)) / \(Format.ms(ingest.wrk.p99))", target: "—",
                verdict: .notMeasured, method: "wrk --latency percentiles of the same run"),
        ]
        if let floor {
            let ratio = floor.requestsPerSecond > 0 ? rate / floor.requestsPerSecond : 0
            rows.append(floorRow(floor))
            rows.append(
                ResultRow(
                    figure: "nhận / nền · ingest / floor", value: String(format: "%.1f%%", ratio * 100),
                    target: "≥ 50%", verdict: ratio >= 0.5 ? .met : .missed,
                    method: "ingest events/s divided by floor requests/s"))
        }
        let turnWord = ingest.repliesPerTurn == 1 ? "reply" : "replies"
        rows.append(
            ResultRow(
                figure: "đầu cuối / end-to-end (turns/s)", value: Format.rate(ingest.turnsPerSecond),
                target: "≥ 15,000", verdict: ingest.turnsPerSecond >= 15_000 ? .met : .missed,
                method:
                    "replies counted by the mock Zalo API in the harness during the ingest run; turns are an "
                    + "estimate, replies divided by \(ingest.repliesPerTurn) (the \(turnWord) to one first message); "
                    + "\(ingest.turnsCompleted) turns from the first "
                    + "request to the last reply, which came \(String(format: "%.1f", ingest.drainSeconds)) s after "
                    + "wrk stopped"))
        return rows
    }

    func floorRow(_ floor: WrkResult) -> ResultRow {
        ResultRow(
            figure: "mức nền / floor: bare libmicrohttpd (req/s)", value: Format.rate(floor.requestsPerSecond),
            target: "—", verdict: .notMeasured,
            method:
                "the same wrk load against MotCuaHTTP.HTTPServer (2 threads) in the harness returning 200 with no "
                + "work; p99 \(Format.ms(floor.p99))")
    }
}

/// Number formats for the table and the progress lines.
enum Format {
    static func rate(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
    }

    static func ms(_ value: Double?) -> String {
        guard let value else { return "?" }
        return String(format: value < 10 ? "%.2f ms" : "%.1f ms", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
