import Foundation
import MotCuaChannels
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Synchronization
import Testing

@testable import MotCuaPostgres

/// Two `motcua serve` processes on one PostgreSQL database, with webhooks of many citizens spread
/// over both and one process killed with SIGKILL halfway. Skipped unless MOTCUA_TEST_POSTGRES
/// names a server, as `make test` does.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
        "MOTCUA_TEST_POSTGRES is not set; `make test` sets it"))
struct TwoInstanceTests {
    static let userCount = 500
    /// Each citizen's turns, and a phrase of the reply each turn must get, in order.
    static let turns: [(text: String, reply: String)] = [
        ("khai sinh", "Họ và tên của cháu"), ("Nguyễn Văn An", "sinh ngày nào"), ("2/2/2026", "Giới tính"),
    ]

    /// One `motcua serve` process whose output goes to a log file.
    final class Instance: Sendable {
        let process: Process
        let port: Int
        let logPath: String

        init(name: String, databaseURL: String, configFile: String, mock: MockZaloAPI, folder: URL) throws {
            let executable = try #require(ServeProcessTests.executable, "build the motcua product first")
            // Below the kernel's default ephemeral range (32768–60999).
            port = Int.random(in: 20_000...32_000)
            logPath = folder.appendingPathComponent("\(name).log").path
            FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))

            process = Process()
            process.executableURL = executable
            process.arguments = ["serve", "--config", configFile]
            process.currentDirectoryURL = ServiceHarness.repositoryRoot
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MOTCUA_") }
            environment.merge([
                "MOTCUA_LISTEN": "127.0.0.1:\(port)", "MOTCUA_DATABASE": databaseURL,
                "MOTCUA_ZALO_APP_ID": "APP_ID_TEST", "MOTCUA_ZALO_OA_ID": "OA_ID_TEST",
                "MOTCUA_ZALO_OA_SECRET": "OA_SECRET_TEST", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN_TEST",
                "MOTCUA_ZALO_API_BASE": mock.baseURL, "MOTCUA_LOG_LEVEL": "warning",
            ]) { _, new in new }
            process.environment = environment
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        var webhookURL: String { "http://127.0.0.1:\(port)/webhooks/zalo" }

        func waitUntilHealthy(_ client: HTTPClient) async -> Bool {
            for _ in 0..<400 {
                if let response = try? await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")),
                    response.status == 200
                {
                    return true
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        func stop(signal: Int32) {
            guard process.isRunning else { return }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }
    }

    /// Posting progress shared by the posting tasks.
    final class Progress: Sendable {
        struct State {
            var posted = 0
            var killed = false
            var failures: [String] = []
        }

        private let state = Mutex(State())

        func withLock<Result>(_ body: (inout State) -> Result) -> Result {
            state.withLock { body(&$0) }
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func killedInstanceLosesNoReply() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = try TestPostgresSchema.create()
        defer { TestPostgresSchema.drop(schema.name) }

        // Short leases so the survivor takes over within seconds; rate limits well above the load.
        let configFile = folder.appendingPathComponent("motcua.yaml").path
        try Data(
            """
            processing.claim_lease_seconds: 2
            outbox.lease_seconds: 2
            outbox.retry_base_seconds: 0.5
            outbox.retry_max_seconds: 2
            limits.zalo.per_second: 5000
            limits.zalo.burst: 5000

            """.utf8
        ).write(to: URL(fileURLWithPath: configFile))

        // One mock per instance, so the test can stop the doomed instance's deliveries before the kill.
        let mocks = [MockZaloAPI(), MockZaloAPI()]
        for mock in mocks { try mock.start() }
        defer { for mock in mocks { mock.stop() } }
        let client = try HTTPClient()
        defer { client.shutdown() }

        let instances = try (0..<2).map { index in
            try Instance(
                name: "instance-\(index)", databaseURL: schema.url, configFile: configFile, mock: mocks[index],
                folder: folder)
        }
        defer { for instance in instances { instance.stop(signal: SIGKILL) } }
        for instance in instances {
            let healthy = await instance.waitUntilHealthy(client)
            try #require(
                healthy, "instance on port \(instance.port) did not start; log: \(Self.tail(instance.logPath))")
        }

        let database = TwoInstanceDatabase(url: schema.url)
        let progress = Progress()
        let killAfter = Self.userCount * Self.turns.count * 2 / 5
        let doomed = instances[0]
        let doomedMock = mocks[0]
        let start = Date()

        try await withThrowingTaskGroup(of: Void.self) { group in
            // Each task takes every 16th citizen, so each citizen's turns are posted in order.
            for worker in 0..<16 {
                group.addTask {
                    for user in stride(from: worker, to: Self.userCount, by: 16) {
                        for (turn, step) in Self.turns.enumerated() {
                            try await Self.post(
                                step.text, user: user, turn: turn, instances: instances, client: client,
                                progress: progress)
                        }
                    }
                }
            }
            group.addTask {
                while progress.withLock({ $0.posted }) < killAfter {
                    try await Task.sleep(for: .milliseconds(20))
                }
                // A killed process may have sent a reply without recording it as delivered, and the
                // survivor then sends it again: no platform API offers an idempotency key. The doomed
                // instance's mock therefore rejects sends before the kill, and the kill waits until
                // the database records every reply that mock took as delivered. Only then is no
                // reply in that window and "exactly once" checkable. A fixed pause is not enough,
                // because the sender marks a batch delivered only after recording its failed sends.
                doomedMock.failNext(Array(repeating: .httpStatus(500), count: 100_000))
                let acknowledged = await Self.waitUntilAcknowledged(mocks: mocks, doomed: 0, database: database)
                if !acknowledged {
                    progress.withLock { $0.failures.append("the doomed instance left sent replies unrecorded") }
                }
                progress.withLock { $0.killed = true }
                doomed.stop(signal: SIGKILL)
            }
            try await group.waitForAll()
        }
        let postingFailures = progress.withLock { $0.failures }
        #expect(postingFailures.isEmpty, "\(postingFailures.prefix(5))")

        let quiet = await Self.waitForQuiescence(mocks: mocks, database: database, timeout: 120)
        #expect(quiet, "inbox or outbox rows were still pending, or replies still arriving, after 120 s")
        let elapsed = Date().timeIntervalSince(start)

        // Both mocks' messages in arrival order; one citizen's replies leave one at a time, so
        // arrival order is send order.
        let received = mocks.flatMap { mock in zip(mock.arrivalTimes, mock.messages).map { $0 } }
            .sorted { $0.0 < $1.0 }.map(\.1)
        let byUser = Dictionary(grouping: received, by: \.recipient).mapValues { $0.map(\.text) }

        #expect(byUser.count == Self.userCount, "citizens with replies: \(byUser.count)")
        #expect(mocks[1].messages.count > 0)
        let reference = byUser[Self.userID(0)] ?? []
        var wrongUsers: [Int] = []
        for user in 0..<Self.userCount {
            let texts = byUser[Self.userID(user)] ?? []
            let positions = Self.turns.map { step in texts.indices.filter { texts[$0].contains(step.reply) } }
            let exactlyOnceInOrder =
                positions.allSatisfy { $0.count == 1 } && positions.map { $0[0] } == positions.map { $0[0] }.sorted()
            if !exactlyOnceInOrder || texts != reference {
                wrongUsers.append(user)
            }
        }
        let diagnosis =
            wrongUsers.isEmpty
            ? "" : Self.diagnose(wrongUsers.prefix(10), reference: reference, mocks: mocks, database: database)
        #expect(
            wrongUsers.isEmpty,
            "\(wrongUsers.count) citizens whose replies were missing, repeated or out of order:\n\(diagnosis)")
        #expect(reference.count >= Self.turns.count)
        #expect(elapsed < 180, "took \(Int(elapsed)) s")
    }

    static func userID(_ index: Int) -> String {
        "77\(String(format: "%017d", index))"
    }

    /// Posts one signed webhook to a random live instance; when that instance does not return
    /// 200, posts it again to another, as Zalo retries a failed delivery.
    static func post(
        _ text: String, user: Int, turn: Int, instances: [Instance], client: HTTPClient, progress: Progress
    ) async throws {
        let signed = ZaloWebhookBuilder.textEvent(
            text: text, userID: userID(user), msgID: "two-\(user)-\(turn)",
            timestampMillis: 1_772_000_000_000 + Int64(user * 10 + turn), settings: ServiceHarness.settings)
        for attempt in 0..<6 {
            let killed = progress.withLock { $0.killed }
            let instance = killed || attempt > 0 ? instances[1] : instances[Int.random(in: 0...1)]
            let response = try? await client.send(
                HTTPClientRequest(
                    method: "POST", url: instance.webhookURL,
                    headers: [(name: "X-ZEvent-Signature", value: signed.signature)], body: signed.body))
            if response?.status == 200 {
                progress.withLock { $0.posted += 1 }
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        progress.withLock { $0.failures.append("user \(user) turn \(turn) was never accepted") }
    }

    static func tail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return String(text.suffix(2_000))
    }
}

/// An empty schema of its own on the server named by MOTCUA_TEST_POSTGRES.
enum TestPostgresSchema {
    static func create() throws -> (name: String, url: String) {
        let serverURL = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES"] ?? ""
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let connection = try PostgresConnection(conninfo: serverURL, target: "the test server")
        try connection.execute("CREATE SCHEMA \(name)", purpose: "creating schema \(name)")
        let separator = serverURL.contains("?") ? "&" : "?"
        return (name, "\(serverURL)\(separator)options=-csearch_path%3D\(name)")
    }

    static func drop(_ name: String) {
        let serverURL = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES"] ?? ""
        guard let connection = try? PostgresConnection(conninfo: serverURL, target: "the test server") else { return }
        try? connection.execute("DROP SCHEMA \(name) CASCADE", purpose: "dropping schema \(name)")
    }
}
