import Foundation
import MotCuaChannels
import MotCuaHTTP
import MotCuaReplay
import MotCuaServer
import Testing

/// Runs the `motcua` executable as an operator would.
@Suite(.serialized)
struct ServeProcessTests {
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            ServiceHarness.repositoryRoot.appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("motcua") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs motcua to completion with a time limit.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = try launch(arguments, environment: environment)
        let deadline = Date().addingTimeInterval(20)
        while process.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.process.isRunning { process.process.terminate() }
        process.process.waitUntilExit()
        return process.finish()
    }

    struct Launched {
        let process: Process
        let output: Pipe
        let errors: Pipe

        func finish() -> Run {
            let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return Run(status: process.terminationStatus, output: out, errors: err)
        }
    }

    static func launch(_ arguments: [String], environment: [String: String]) throws -> Launched {
        let executable = try #require(Self.executable, "build the motcua product first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = ServiceHarness.repositoryRoot
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MOTCUA_") }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        // Commands that read a chat line, such as `demo`, see the end of input and exit.
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Launched(process: process, output: output, errors: errors)
    }

    @Test func helpIsVietnamese() throws {
        let run = try Self.run(["serve", "--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("Cách dùng: motcua serve"))
        #expect(run.output.contains("MOTCUA_ZALO_OA_SECRET"))
    }

    @Test func helpListsEveryKey() throws {
        let run = try Self.run(["serve", "--help"])
        #expect(run.status == 0)
        for key in ConfigurationKey.all {
            if let variable = key.environment {
                #expect(run.output.contains("  \(variable) "), "help lacks \(variable)")
            } else {
                #expect(run.output.contains("  \(key.name)"), "help lacks \(key.name)")
            }
            #expect(run.output.contains("mặc định \(key.defaultText)"), "help lacks the default of \(key.name)")
        }
        #expect(run.output.contains("_FILE"))
    }

    @Test func unknownCommandExitsTwo() throws {
        let run = try Self.run(["phat-song"])
        #expect(run.status == 2)
        #expect(run.errors.contains("lệnh không tồn tại: 'phat-song'"))
    }

    @Test func invalidConfigurationNamesKey() throws {
        let run = try Self.run(["serve"], environment: ["MOTCUA_LOG_LEVEL": "loud"])
        #expect(run.status == 2)
        #expect(run.errors.contains("log.level"))
        #expect(run.errors.contains("loud"))
    }

    @Test func brokenFlowStopsStartUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-flows-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = ServiceHarness.repositoryRoot.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: templates, to: folder)
        let flow = folder.appendingPathComponent("flows/dang-ky-khai-sinh.yaml")
        let text = try String(contentsOf: flow, encoding: .utf8).replacingOccurrences(
            of: "next: ho-ten-me", with: "next: khong-co")
        try text.write(to: flow, atomically: true, encoding: .utf8)

        let run = try Self.run(
            ["serve"], environment: ["MOTCUA_TEMPLATES": folder.path, "MOTCUA_LISTEN": "127.0.0.1:0"])
        #expect(run.status == 2)
        #expect(run.errors.contains("dang-ky-khai-sinh.yaml:"))
        #expect(run.errors.contains("trỏ tới bước không tồn tại 'khong-co'"))
    }

    @Test func sigtermFinishesCleanly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mock = MockZaloAPI()
        try mock.start()
        defer { mock.stop() }
        // Below the kernel's default ephemeral range (32768–60999), which port-0 servers and client
        // sockets of other tests draw from.
        let port = Int.random(in: 20_000...32_000)
        let launched = try Self.launch(
            ["serve"],
            environment: [
                "MOTCUA_LISTEN": "127.0.0.1:\(port)", "MOTCUA_DATABASE": "sqlite:\(folder.path)/motcua.sqlite",
                "MOTCUA_ZALO_APP_ID": "APP_ID_TEST", "MOTCUA_ZALO_OA_ID": "OA_ID_TEST",
                "MOTCUA_ZALO_OA_SECRET": "OA_SECRET_TEST", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN_TEST",
                "MOTCUA_ZALO_API_BASE": mock.baseURL,
            ])
        let client = try HTTPClient()
        defer { client.shutdown() }

        var healthy = false
        for _ in 0..<100 where !healthy {
            let response = try? await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"))
            healthy = response?.status == 200
            if !healthy { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(healthy)

        let signed = ZaloWebhookBuilder.textEvent(
            text: "khai sinh", userID: "8000000000000000009", msgID: "serve-1", timestampMillis: 1_772_000_000_000,
            settings: ServiceHarness.settings)
        let response = try await client.send(
            HTTPClientRequest(
                method: "POST", url: "http://127.0.0.1:\(port)/webhooks/zalo",
                headers: [(name: "X-ZEvent-Signature", value: signed.signature)], body: signed.body))
        #expect(response.status == 200)
        for _ in 0..<100 where mock.messages.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(mock.messages.count == 2)

        kill(launched.process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while launched.process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!launched.process.isRunning)
        if launched.process.isRunning { launched.process.terminate() }
        launched.process.waitUntilExit()
        let run = launched.finish()
        #expect(run.status == 0)
        #expect(run.errors.contains("msg=\"service started\""))
        #expect(run.errors.contains("msg=\"service stopped\""))
        #expect(!run.errors.contains("khai sinh"))
        #expect(!run.errors.contains("OA_SECRET_TEST"))
    }
}
