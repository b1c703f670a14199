import Foundation
import MotCuaCore
import MotCuaReplay
import MotCuaStorage

extension Bench {
    /// Recipients of the fan-out run, with every broadcast rate limit lifted.
    static let fanOutRecipients = 100_000
    /// Recipients and configured Telegram rate of the rate-accuracy run: 20 s of sending.
    static let rateRecipients = 20_000
    static let configuredRate = 1_000

    /// Broadcast fan-out to the mock platform with limits lifted, and the accuracy of a set rate.
    /// Each run seeds Telegram subscribers and one approved broadcast to all of them, then starts
    /// `motcua serve` on that database with Telegram pointed at the mock.
    func measureBroadcast() async -> [ResultRow] {
        var rows: [ResultRow] = []
        let fanOutName = "gửi hàng loạt / broadcast fan-out (msg/s)"
        do {
            rows.append(try await measureFanOut(figure: fanOutName))
        } catch {
            FileHandleOutput.print("  ✗ gửi hàng loạt: \(error)")
            rows.append(ResultRow(figure: fanOutName, value: "lỗi / failed", target: "≥ 20,000", verdict: .missed))
        }
        let accuracyName = "độ chính xác tốc độ / broadcast rate accuracy"
        do {
            rows.append(try await measureRateAccuracy(figure: accuracyName))
        } catch {
            FileHandleOutput.print("  ✗ độ chính xác tốc độ: \(error)")
            rows.append(ResultRow(figure: accuracyName, value: "lỗi / failed", target: "within 2%", verdict: .missed))
        }
        return rows
    }

    private func measureFanOut(figure: String) async throws -> ResultRow {
        let total = Self.fanOutRecipients
        announce("Gửi hàng loạt: \(Format.rate(Double(total))) người nhận Telegram, không giới hạn tốc độ…")
        let run = try await runBroadcast(
            name: "broadcast-fanout", recipients: total, perSecond: 1_000_000_000, batchSize: 1_000,
            timeoutSeconds: 120)
        let rate = BroadcastArrivals.overallRate(run.offsets) ?? 0
        let complete = run.offsets.count == total
        let completion = run.completionSeconds.map { String(format: "%.1f s", $0) } ?? "chưa xong / not finished"
        let microseconds = run.offsets.isEmpty ? 0 : run.cpuSeconds / Double(run.offsets.count) * 1e6
        done(
            "\(Format.rate(rate)) tin/giây, \(run.offsets.count) tin, xong sau \(completion), "
                + "server dùng \(String(format: "%.1f", run.cpuSeconds)) giây CPU (\(Int(microseconds)) µs mỗi tin)")
        return ResultRow(
            figure: figure, value: Format.rate(rate), target: "≥ 20,000",
            verdict: complete && rate >= 20_000 ? .met : .missed,
            method:
                "\(run.offsets.count) of \(total) Telegram sendMessage requests received by the mock, (count − 1) / "
                + "(last − first arrival); broadcast.telegram_per_second 1e9, batch_size 1000, quiet hours off; "
                + "started_at to finished_at \(completion); serve used \(String(format: "%.1f", run.cpuSeconds)) CPU-s, "
                + "\(Int(microseconds)) µs per message")
    }

    private func measureRateAccuracy(figure: String) async throws -> ResultRow {
        let total = Self.rateRecipients
        let configured = Double(Self.configuredRate)
        announce("Độ chính xác tốc độ: \(Format.rate(Double(total))) người nhận ở \(Self.configuredRate) tin/giây…")
        let run = try await runBroadcast(
            name: "broadcast-rate", recipients: total, perSecond: configured, batchSize: 1_000,
            timeoutSeconds: Double(total) / configured + 40)
        // The bucket starts full with a quarter second of tokens, so the first second is left out.
        let steady = BroadcastArrivals.steadyRate(run.offsets, warmUpSeconds: 1) ?? 0
        let deviation = abs(steady - configured) / configured * 100
        done("\(String(format: "%.1f", steady)) tin/giây, lệch \(String(format: "%.2f", deviation))%")
        return ResultRow(
            figure: figure, value: String(format: "%.1f msg/s (%.2f%%)", steady, deviation), target: "within 2%",
            verdict: deviation <= 2 && run.offsets.count == total ? .met : .missed,
            method:
                "broadcast.telegram_per_second \(Self.configuredRate), \(run.offsets.count) of \(total) messages "
                + "received; rate over the arrivals after the first second, to the last arrival")
    }

    /// The arrivals of one broadcast run and the broadcast's own start-to-finish time.
    struct BroadcastRun {
        var offsets: [Double]
        /// Seconds from `started_at` to `finished_at`, or nil when the broadcast did not complete.
        var completionSeconds: Double?
        /// CPU seconds `motcua serve` used from its start until the run ended, seeding excluded.
        var cpuSeconds: Double
    }

    private func runBroadcast(
        name: String, recipients: Int, perSecond: Double, batchSize: Int, timeoutSeconds: Double
    ) async throws -> BroadcastRun {
        let folder = workFolder + "/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let database = folder + "/bench.sqlite"
        let broadcastID = try seedBroadcast(database: database, recipients: recipients)

        let arrivals = BroadcastArrivals()
        let mock = MockZaloAPI(onMessage: { _ in arrivals.record() })
        try mock.start()
        defer { mock.stop() }

        var cpuSeconds = 0.0
        let serve = try ServeProcess(
            binary: options.motcuaBinary, templates: options.templatesFolder, folder: folder, port: allocatePort(),
            mockBase: mock.baseURL,
            extraConfiguration: """
                outbound:
                  timeout_seconds: 5
                broadcast:
                  quiet_hours: "off"
                  telegram_per_second: \(Int(perSecond))
                  batch_size: \(batchSize)
                  lease_seconds: 30

                """,
            extraEnvironment: [
                "MOTCUA_TELEGRAM_SECRET": "bench-telegram-secret", "MOTCUA_TELEGRAM_TOKEN": "123456:BENCH_TOKEN",
                "MOTCUA_TELEGRAM_API_BASE": mock.baseURL,
            ])
        do {
            _ = try await serve.waitUntilHealthy(client: client, timeoutSeconds: 20)
            try await followProgress(arrivals, total: recipients, timeoutSeconds: timeoutSeconds)
            // The server marks a broadcast completed in its next housekeeping step, within seconds.
            try await waitForCompletion(database: database, broadcastID: broadcastID, timeoutSeconds: 10)
            cpuSeconds = try serve.cpuSeconds()
            await serve.stop()
        } catch {
            await serve.stop()
            throw error
        }

        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let broadcast = try store.broadcast(id: broadcastID)
        var completion: Double?
        if let started = broadcast?.startedAt, let finished = broadcast?.finishedAt, broadcast?.state == .completed {
            completion = finished.timeIntervalSince(started)
        }
        return BroadcastRun(offsets: arrivals.offsets(), completionSeconds: completion, cpuSeconds: cpuSeconds)
    }

    /// Prints the count and rate every two seconds until every message arrived, no message arrived
    /// for 10 s, or `timeoutSeconds` passed.
    private func followProgress(_ arrivals: BroadcastArrivals, total: Int, timeoutSeconds: Double) async throws {
        let start = ContinuousClock.now
        var lastCount = 0
        var lastChange = start
        var lastPrint = start
        var printedCount = 0
        while arrivals.count < total {
            try await Task.sleep(for: .milliseconds(50))
            let now = ContinuousClock.now
            let count = arrivals.count
            if count != lastCount {
                lastCount = count
                lastChange = now
            }
            if now - lastPrint >= .seconds(2) {
                let rate = Double(count - printedCount) / (now - lastPrint).seconds
                FileHandleOutput.print(
                    "  · đã nhận \(Format.rate(Double(count)))/\(Format.rate(Double(total))) tin, \(Format.rate(rate)) tin/giây"
                )
                lastPrint = now
                printedCount = count
            }
            if now - start > .milliseconds(Int(timeoutSeconds * 1000)) {
                FileHandleOutput.print("  · hết \(Int(timeoutSeconds)) giây, dừng với \(count) tin")
                return
            }
            if now - lastChange > .seconds(10) {
                FileHandleOutput.print("  · 10 giây không có tin mới, dừng với \(count) tin")
                return
            }
        }
    }

    private func waitForCompletion(database: String, broadcastID: Int64, timeoutSeconds: Double) async throws {
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while try store.broadcast(id: broadcastID)?.state != .completed, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Creates the database with `recipients` Telegram subscribers and one approved broadcast to
    /// all of them in state `scheduled`, due at once; returns the broadcast's id.
    private func seedBroadcast(database: String, recipients: Int) throws -> Int64 {
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        let created = Date()
        try store.importSubscriptions(
            (0..<recipients).map { index in
                Subscription(
                    conversationID: ConversationID(channel: .telegram, userID: "\(800_000_000 + index)"),
                    commune: "Bình Hòa", topics: Subscription.topics, createdAt: created)
            })
        return try store.createBroadcast(
            Broadcast(
                id: 0, text: "Xã {xa}: lịch tiêm chủng ngày {ngay}", audience: BroadcastAudience(),
                createdBy: "bench-officer", approvedBy: "bench-approver", state: .scheduled, createdAt: created))
    }
}
