import Foundation
import MotCuaChannels
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Testing

/// SIGTERM and SIGINT handling of the real `motcua serve` process.
@Suite(.serialized)
struct ShutdownProcessTests {
    struct Running {
        let launched: ServeProcessTests.Launched
        let port: Int
        let folder: URL
        var databasePath: String { folder.appendingPathComponent("motcua.sqlite").path }
    }

    /// Starts `motcua serve` against `mock` and waits until `/healthz` returns 200.
    static func start(mock: MockZaloAPI, client: HTTPClient) async throws -> Running {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-stop-\(UUID().uuidString)")
        // Below the kernel's default ephemeral range (32768–60999), like ServeProcessTests.
        let port = Int.random(in: 20_000...32_000)
        let launched = try ServeProcessTests.launch(
            ["serve"],
            environment: [
                "MOTCUA_LISTEN": "127.0.0.1:\(port)",
                "MOTCUA_DATABASE": "sqlite:\(folder.path)/motcua.sqlite",
                "MOTCUA_ZALO_APP_ID": "APP_ID_TEST", "MOTCUA_ZALO_OA_ID": "OA_ID_TEST",
                "MOTCUA_ZALO_OA_SECRET": "OA_SECRET_TEST", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN_TEST",
                "MOTCUA_ZALO_API_BASE": mock.baseURL,
            ])
        var healthy = false
        for _ in 0..<100 where !healthy {
            let response = try? await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"))
            healthy = response?.status == 200
            if !healthy { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(healthy)
        return Running(launched: launched, port: port, folder: folder)
    }

    static func sendText(_ text: String, msgID: String, to running: Running, client: HTTPClient) async throws -> Int {
        let signed = ZaloWebhookBuilder.textEvent(
            text: text, userID: "8000000000000000301", msgID: msgID, timestampMillis: 1_772_000_000_000,
            settings: ServiceHarness.settings)
        return try await client.send(
            HTTPClientRequest(
                method: "POST", url: "http://127.0.0.1:\(running.port)/webhooks/zalo",
                headers: [(name: "X-ZEvent-Signature", value: signed.signature)], body: signed.body)
        ).status
    }

    /// Waits up to `seconds` for the process to exit; kills it if it is still running.
    static func waitForExit(_ process: Process, seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let exited = !process.isRunning
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return exited
    }

    @Test func sigtermFinishesDeliveryInFlight() async throws {
        let mock = MockZaloAPI()
        try mock.start()
        defer { mock.stop() }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let running = try await Self.start(mock: mock, client: client)
        defer { try? FileManager.default.removeItem(at: running.folder) }

        mock.failNext([.slow(seconds: 1.5)])
        #expect(try await Self.sendText("menu", msgID: "stop-1", to: running, client: client) == 200)
        for _ in 0..<100 where mock.requestCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(mock.requestCount == 1)

        let signalled = Date()
        kill(running.launched.process.processIdentifier, SIGTERM)
        #expect(try await Self.waitForExit(running.launched.process, seconds: 15))
        let run = running.launched.finish()
        #expect(run.status == 0)
        #expect(Date().timeIntervalSince(signalled) >= 1.0, "the stop waited for the slow delivery")
        #expect(run.errors.contains("msg=\"reply delivery will be retried\""))
        #expect(run.errors.contains("msg=\"service stopped\""))
        #expect(run.errors.contains("uptime.seconds="))

        // The reply's claim ended with its recorded outcome, so it is due again long before the
        // 60-second lease would have run out.
        let store = try SQLiteStore(path: running.databasePath)
        defer { store.close() }
        #expect(try store.pendingInbound(limit: 10).isEmpty)
        let due = try store.claimDueOutbox(now: Date().addingTimeInterval(5), limit: 10, lease: 60)
        #expect(due.count == 1)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func secondSignalExitsAtOnce(signal: Int32) async throws {
        let mock = MockZaloAPI()
        try mock.start()
        // Stopping the mock waits for its slow response. A thread of its own does that wait, so no
        // thread of the cooperative pool, which other tests need, is blocked for seconds.
        defer { Thread { mock.stop() }.start() }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let running = try await Self.start(mock: mock, client: client)
        defer { try? FileManager.default.removeItem(at: running.folder) }

        mock.failNext([.slow(seconds: 5)])
        #expect(try await Self.sendText("menu", msgID: "stop-2", to: running, client: client) == 200)
        for _ in 0..<100 where mock.requestCount == 0 { try await Task.sleep(for: .milliseconds(20)) }

        kill(running.launched.process.processIdentifier, signal)
        try await Task.sleep(for: .milliseconds(300))
        #expect(running.launched.process.isRunning, "the first signal drains, which waits for the slow send")
        let second = Date()
        kill(running.launched.process.processIdentifier, signal)
        #expect(try await Self.waitForExit(running.launched.process, seconds: 3))
        #expect(Date().timeIntervalSince(second) < 3)
        let run = running.launched.finish()
        #expect(run.status == 130)
        #expect(run.errors.contains("msg=\"service stopping\""))
        #expect(!run.errors.contains("msg=\"service stopped\""))
        #expect(run.errors.contains("msg=\"second signal received, exiting without finishing the stop\""))
    }
}
