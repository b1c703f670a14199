import Foundation
import MotCuaCore
import MotCuaStorage

extension Bench {
    /// RSS of `motcua serve` idle on a fresh database, then after `options.conversations` stored
    /// conversations and a webhook load on them.
    ///
    /// NOTE: the conversations are inserted by the harness through SQLiteStore.saveConversation,
    /// each a copy of one conversation the server really processed, because the webhook path
    /// processes a few hundred turns a second today and would need minutes for 100,000.
    func measureMemory() async throws -> [ResultRow] {
        let total = options.conversations
        announce("Đo bộ nhớ: lúc rảnh, rồi với \(Format.rate(Double(total))) hội thoại đã lưu…")
        let (mock, replies) = try startMockPlatform()
        defer { mock.stop() }

        let calibrationUser = "9\(getpid())"
        let (idle, repliesPerTurn) = try await withServe(name: "memory", mockBase: mock.baseURL) { serve in
            try await Task.sleep(for: .seconds(1))
            let idle = try serve.residentBytes()
            return (idle, try await calibrateRepliesPerTurn(serve: serve, replies: replies))
        }

        let database = workFolder + "/memory/bench.sqlite"
        let run = String(format: "%04d", Int.random(in: 1000...9999))
        let seedStart = ContinuousClock.now
        let seeded = try seedConversations(
            database: database, copying: calibrationUser, count: total, run: run, timeoutSeconds: 240)
        let seedSeconds = (ContinuousClock.now - seedStart).seconds
        FileHandleOutput.print(
            "  · đã lưu \(Format.rate(Double(seeded))) hội thoại trong \(String(format: "%.0f", seedSeconds)) giây")

        let (loaded, repliesReceived, requests) = try await withServe(
            name: "memory", mockBase: mock.baseURL, freshDatabase: false
        ) { serve in
            // One webhook from each of the first users, which loads, advances and saves their stored state.
            let events = min(seeded, options.loadSeconds * 2_000)
            let script = try prepareLoad(
                name: "memory", count: events, users: max(seeded, 1), threads: options.threads, run: run)
            let before = replies.value
            let wrk = try await runWrk(
                url: "http://127.0.0.1:\(serve.port)/webhooks/zalo", script: script, threads: options.threads,
                connections: options.connections, durationSeconds: options.loadSeconds)
            let stored = min(wrk.requests - wrk.non2xxResponses, events)
            let final = await replies.waitFor(before + stored * repliesPerTurn, quietSeconds: 5, timeoutSeconds: 90)
            return (try serve.residentBytes(), final - before, wrk.requests)
        }

        done(
            "lúc rảnh \(Format.megabytes(idle)); với \(Format.rate(Double(seeded))) hội thoại \(Format.megabytes(loaded))"
        )
        return [
            ResultRow(
                figure: "bộ nhớ lúc rảnh / RSS idle", value: Format.megabytes(idle), target: "< 64 MB",
                verdict: idle < 64 << 20 ? .met : .missed,
                method: "VmRSS from /proc/PID/status of motcua serve 1 s after /healthz answered, fresh database"),
            ResultRow(
                figure: "bộ nhớ sau \(Format.rate(Double(total))) hội thoại / RSS after conversations",
                value: Format.megabytes(loaded), target: "< 256 MB",
                verdict: loaded < 256 << 20 && seeded >= total ? .met : .missed,
                method:
                    "\(seeded) conversation rows inserted by the harness with SQLiteStore.saveConversation "
                    + "(copies of a state the server produced, \(String(format: "%.0f", seedSeconds)) s), then serve "
                    + "restarted on that database and \(requests) webhooks from those users posted by wrk for "
                    + "\(options.loadSeconds) s (\(repliesReceived) replies on the mock); VmRSS read after the "
                    + "replies stopped"),
        ]
    }

    /// Inserts `count` conversations, each with the saved state of `userID`, and returns how many
    /// were inserted before the time limit.
    func seedConversations(
        database: String, copying userID: String, count: Int, run: String, timeoutSeconds: Double
    ) throws -> Int {
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        guard let template = try store.loadConversation(ConversationID(channel: .zalo, userID: userID)) else {
            throw BenchError("không tìm thấy hội thoại mẫu của người dùng \(userID) trong \(database)")
        }
        let limit = Duration.milliseconds(Int(timeoutSeconds * 1000))
        let start = ContinuousClock.now
        let now = Date()
        for index in 0..<count {
            if index % 1_000 == 0, ContinuousClock.now - start > limit { return index }
            var record = template
            record.id = ConversationID(channel: .zalo, userID: SignedEvents.userID(index, run: run))
            record.updatedAt = now
            try store.saveConversation(record, replies: [], now: now)
        }
        return count
    }

    /// Starts `motcua serve`, runs `body`, and stops the server whether `body` throws or not.
    func withServe<Result>(
        name: String, mockBase: String, wrapper: [String] = [], healthTimeoutSeconds: Double = 20,
        freshDatabase: Bool = true, _ body: (ServeProcess) async throws -> Result
    ) async throws -> Result {
        let serve = try await startServe(
            name: name, mockBase: mockBase, wrapper: wrapper, healthTimeoutSeconds: healthTimeoutSeconds,
            freshDatabase: freshDatabase)
        do {
            let result = try await body(serve)
            await serve.stop()
            return result
        } catch {
            await serve.stop()
            throw error
        }
    }
}
