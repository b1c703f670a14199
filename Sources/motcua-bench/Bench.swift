import Foundation
import MotCuaHTTP
import MotCuaReplay
import Synchronization

/// Runs every benchmark in turn and collects the table rows, the commands it ran and the
/// profiles. Each benchmark is bounded in time and uses 127.0.0.1 only.
@MainActor
final class Bench {
    let options: BenchOptions
    let client: HTTPClient
    let workFolder: String
    /// Command lines the harness ran, for the record in BENCHMARKS.md.
    private(set) var commands: [String] = []
    /// Callgrind summaries by title, filled when profiling is on.
    var profiles: [(title: String, text: String)] = []
    /// The ingest rate measured first, used to size later loads.
    var measuredIngestRate: Double?
    private var nextPort: UInt16

    init(options: BenchOptions) throws {
        self.options = options
        client = try HTTPClient(configuration: .init(connectTimeoutSeconds: 1, totalTimeoutSeconds: 10))
        workFolder = NSTemporaryDirectory() + "motcua-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: workFolder, withIntermediateDirectories: true)
        // Ports below the Linux ephemeral range (32768 and up), spread by pid so parallel runs differ.
        nextPort = UInt16(21_000 + Int(getpid()) % 5_000 * 2)
    }

    func allocatePort() -> UInt16 {
        defer { nextPort += 1 }
        return nextPort
    }

    func record(command: String) {
        commands.append(command)
    }

    /// Removes the temporary folder with its databases and event files.
    func cleanUp() {
        client.shutdown()
        try? FileManager.default.removeItem(atPath: workFolder)
    }

    /// Starts `motcua serve` with its files in a folder named `name`, on a fresh database unless
    /// `freshDatabase` is false, and waits for `/healthz`.
    func startServe(
        name: String, mockBase: String, wrapper: [String] = [], healthTimeoutSeconds: Double = 20,
        freshDatabase: Bool = true
    ) async throws -> ServeProcess {
        let folder = workFolder + "/" + name
        if freshDatabase { try? FileManager.default.removeItem(atPath: folder) }
        let serve = try ServeProcess(
            binary: options.motcuaBinary, templates: options.templatesFolder, folder: folder, port: allocatePort(),
            mockBase: mockBase, wrapper: wrapper,
            extraEnvironment: options.database.map { ["MOTCUA_DATABASE": $0] } ?? [:])
        do {
            _ = try await serve.waitUntilHealthy(client: client, timeoutSeconds: healthTimeoutSeconds)
        } catch {
            await serve.stop()
            throw error
        }
        return serve
    }

    /// Runs wrk and parses its output. The command line is recorded with temporary paths shortened.
    func runWrk(
        url: String, script: String, threads: Int, connections: Int, durationSeconds: Int
    ) async throws -> WrkResult {
        let arguments = [
            "-t\(threads)", "-c\(connections)", "-d\(durationSeconds)s", "--timeout", "5s", "--latency", "-s", script,
            url,
        ]
        record(command: (["wrk"] + arguments).joined(separator: " ").replacingOccurrences(of: workFolder, with: "$TMP"))
        let run = try await ChildProcess.output(
            options.wrkBinary, arguments, timeoutSeconds: Double(durationSeconds) + 60, includeErrors: true)
        guard run.status == 0 else {
            throw BenchError("wrk thoát với mã \(run.status):\n\(run.output)")
        }
        do {
            return try WrkResult.parse(run.output)
        } catch {
            throw BenchError("không đọc được kết quả wrk (\(error)):\n\(run.output)")
        }
    }

    /// Writes `count` signed events for `users` users and a wrk script that posts them. `run`
    /// prefixes user ids; a new random one gives users no earlier run has seen.
    func prepareLoad(
        name: String, count: Int, users: Int, threads: Int, delayMilliseconds: Int? = nil, run: String? = nil
    ) throws -> String {
        let eventsPath = workFolder + "/\(name).events"
        let run = run ?? String(format: "%04d", Int.random(in: 1000...9999))
        try SignedEvents.write(
            count: count, users: users, text: options.eventText, run: run, to: eventsPath,
            nowMillis: Int64(Date().timeIntervalSince1970 * 1000))
        let scriptPath = workFolder + "/\(name).lua"
        try WrkScript(
            eventsPath: eventsPath, requestPath: "/webhooks/zalo", threads: threads,
            delayMilliseconds: delayMilliseconds
        ).write(to: scriptPath)
        return scriptPath
    }

    /// Prints a step's start in Vietnamese.
    func announce(_ text: String) {
        FileHandleOutput.print("▶ \(text)")
    }

    /// Prints a step's result in Vietnamese.
    func done(_ text: String) {
        FileHandleOutput.print("  ✓ \(text)")
    }
}

/// Writes lines to standard output at once, without buffering, so progress shows while waiting.
enum FileHandleOutput {
    static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Counts the replies the mock platform receives and remembers when the last one arrived.
final class ReplyCounter: Sendable {
    private let count = Atomic<Int>(0)
    private let lastArrival = Mutex<ContinuousClock.Instant?>(nil)

    var value: Int { count.load(ordering: .relaxed) }

    var lastArrivalTime: ContinuousClock.Instant? { lastArrival.withLock { $0 } }

    func increment() {
        count.add(1, ordering: .relaxed)
        lastArrival.withLock { $0 = ContinuousClock.now }
    }

    /// Waits until `target` replies arrived, or no reply arrived for `quietSeconds`, or
    /// `timeoutSeconds` passed; returns the count then.
    func waitFor(_ target: Int, quietSeconds: Double, timeoutSeconds: Double) async -> Int {
        let start = ContinuousClock.now
        var lastValue = value
        var lastChange = ContinuousClock.now
        while value < target {
            let now = ContinuousClock.now
            if now - start > .milliseconds(Int(timeoutSeconds * 1000)) { break }
            if value != lastValue {
                lastValue = value
                lastChange = now
            } else if now - lastChange > .milliseconds(Int(quietSeconds * 1000)) {
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return value
    }
}

/// Starts the mock platform in this process with a counter of the replies it accepts.
func startMockPlatform() throws -> (mock: MockZaloAPI, replies: ReplyCounter) {
    let replies = ReplyCounter()
    let mock = MockZaloAPI(onMessage: { _ in replies.increment() })
    try mock.start()
    return (mock, replies)
}

extension Duration {
    var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    var seconds: Double { milliseconds / 1000 }
}
