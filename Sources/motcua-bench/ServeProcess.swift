import Foundation
import MotCuaHTTP

/// A `motcua serve` child process on loopback with its own temporary database, the Zalo channel
/// pointed at the mock platform and every send-rate limit of the outbox lifted.
@MainActor
final class ServeProcess {
    let port: UInt16
    let folder: String
    private let process: Process
    private let startedAt: ContinuousClock.Instant

    /// Writes the configuration into `folder` and starts the server. `wrapper` runs the server
    /// under another program, such as valgrind, given as its arguments before the binary.
    /// `extraConfiguration` is YAML appended to the configuration file, and `extraEnvironment`
    /// adds variables such as a Telegram token.
    init(
        binary: String, templates: String, folder: String, port: UInt16, mockBase: String, wrapper: [String] = [],
        extraConfiguration: String = "", extraEnvironment: [String: String] = [:]
    ) throws {
        self.port = port
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let configPath = folder + "/motcua.yaml"
        let yaml =
            Self.configuration(port: port, database: folder + "/bench.sqlite", templates: templates)
            + extraConfiguration
        guard FileManager.default.createFile(atPath: configPath, contents: Data(yaml.utf8)) else {
            throw BenchError("không ghi được cấu hình \(configPath)")
        }

        process = Process()
        if let program = wrapper.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(wrapper.dropFirst()) + [binary, "serve", "--config", configPath]
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--config", configPath]
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MOTCUA_") }
        environment["MOTCUA_ZALO_APP_ID"] = SignedEvents.appID
        environment["MOTCUA_ZALO_OA_ID"] = SignedEvents.oaID
        environment["MOTCUA_ZALO_OA_SECRET"] = SignedEvents.secret
        environment["MOTCUA_ZALO_ACCESS_TOKEN"] = SignedEvents.accessToken
        environment["MOTCUA_ZALO_API_BASE"] = mockBase
        environment.merge(extraEnvironment) { _, extra in extra }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: Self.logFile(folder), contents: nil)
        process.standardError = FileHandle(forWritingAtPath: Self.logFile(folder)) ?? FileHandle.nullDevice

        startedAt = ContinuousClock.now
        do {
            try process.run()
        } catch {
            throw BenchError("không chạy được \(binary): \(error)")
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// Log lines the server wrote to standard error (errors only, by its configuration).
    var log: String {
        (try? String(contentsOfFile: Self.logFile(folder), encoding: .utf8)) ?? ""
    }

    /// Polls `GET /healthz` every 2 ms until it returns 200, and returns the time since exec.
    func waitUntilHealthy(client: HTTPClient, timeoutSeconds: Double) async throws -> Duration {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")
        while ContinuousClock.now < deadline {
            if !process.isRunning {
                throw BenchError("motcua serve đã thoát với mã \(process.terminationStatus); nhật ký:\n\(log)")
            }
            if let response = try? await client.send(request), response.status == 200 {
                return ContinuousClock.now - startedAt
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw BenchError("motcua serve không trả lời /healthz sau \(Int(timeoutSeconds)) giây")
    }

    /// Reads the resident set size in bytes, from VmRSS in /proc/PID/status.
    func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else {
            throw BenchError("không đọc được VmRSS của tiến trình \(pid)")
        }
        return kilobytes * 1024
    }

    /// Reads the CPU time the process used so far, user and system, in seconds, from fields 14
    /// and 15 of /proc/PID/stat, which count clock ticks of 1/100 s on Linux.
    func cpuSeconds() throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name in field 2 may contain spaces, so fields are counted after its ')'.
        guard let close = stat.lastIndex(of: ")") else {
            throw BenchError("không đọc được /proc/\(pid)/stat")
        }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("không đọc được thời gian CPU trong /proc/\(pid)/stat")
        }
        return (user + system) / 100
    }

    /// Sends SIGTERM to this process only and waits up to `timeoutSeconds` for it to exit; sends
    /// SIGKILL after that.
    func stop(timeoutSeconds: Double = 30) async {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    private static func logFile(_ folder: String) -> String { folder + "/serve.log" }

    /// Returns the server's YAML settings, with send limits lifted so the outbox runs at full speed.
    static func configuration(port: UInt16, database: String, templates: String) -> String {
        """
        listen: 127.0.0.1:\(port)
        database: sqlite:\(database)
        templates: \(templates)
        log:
          level: error
        limits:
          zalo:
            per_second: 1000000000
            burst: 1000000000
          per_recipient_per_second: 0

        """
    }
}
