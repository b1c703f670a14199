import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Testing

/// Kills `motcua serve` with SIGKILL, in the middle of a form or right after webhooks were
/// answered, and checks what the database file kept.
@Suite(.serialized)
struct CrashRecoveryTests {
    final class Server {
        let launched: ServeProcessTests.Launched
        let port: Int

        init(
            database: String, mock: MockZaloAPI, arguments: [String] = ["serve"],
            extraEnvironment: [String: String] = [:]
        ) throws {
            // Below the kernel's default ephemeral range (32768–60999), which port-0 servers and client
            // sockets of other tests draw from.
            port = Int.random(in: 20_000...32_000)
            var environment = [
                "MOTCUA_LISTEN": "127.0.0.1:\(port)", "MOTCUA_DATABASE": "sqlite:\(database)",
                "MOTCUA_ZALO_APP_ID": "APP_ID_TEST", "MOTCUA_ZALO_OA_ID": "OA_ID_TEST",
                "MOTCUA_ZALO_OA_SECRET": "OA_SECRET_TEST", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN_TEST",
                "MOTCUA_ZALO_API_BASE": mock.baseURL,
            ]
            environment.merge(extraEnvironment) { _, new in new }
            launched = try ServeProcessTests.launch(arguments, environment: environment)
        }

        func waitUntilHealthy(_ client: HTTPClient) async -> Bool {
            for _ in 0..<200 {
                if let response = try? await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz")),
                    response.status == 200
                {
                    return true
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }

        func kill() {
            Foundation.kill(launched.process.processIdentifier, SIGKILL)
            launched.process.waitUntilExit()
        }
    }

    @Test func killedServerContinuesForm() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("motcua.sqlite").path
        let mock = MockZaloAPI()
        try mock.start()
        defer { mock.stop() }
        let client = try HTTPClient()
        defer { client.shutdown() }

        var sequence = 0
        func say(_ text: String, to server: Server) async throws -> String {
            sequence += 1
            let before = mock.messages.count
            let signed = ZaloWebhookBuilder.textEvent(
                text: text, userID: "8000000000000000042", msgID: "crash-\(sequence)",
                timestampMillis: 1_772_000_000_000 + Int64(sequence), settings: ServiceHarness.settings)
            let response = try await client.send(
                HTTPClientRequest(
                    method: "POST", url: "http://127.0.0.1:\(server.port)/webhooks/zalo",
                    headers: [(name: "X-ZEvent-Signature", value: signed.signature)], body: signed.body))
            #expect(response.status == 200)
            for _ in 0..<200 where mock.messages.count == before { try await Task.sleep(for: .milliseconds(25)) }
            try await Task.sleep(for: .milliseconds(150))
            return mock.messages[before...].map(\.text).joined(separator: "\n")
        }

        let first = try Server(database: database, mock: mock)
        #expect(await first.waitUntilHealthy(client))
        #expect(try await say("khai sinh", to: first).contains("Họ và tên của cháu"))
        #expect(try await say("Nguyễn Văn An", to: first).contains("sinh ngày nào"))
        first.kill()

        let second = try Server(database: database, mock: mock)
        defer { second.kill() }
        #expect(await second.waitUntilHealthy(client))
        #expect(try await say("2/2/2026", to: second).contains("Giới tính"))
        #expect(try await say("quay lại", to: second).contains("sinh ngày nào"))
    }

    /// Every webhook answered with 200 is in the database after SIGKILL, although the answers
    /// come from group commits of many concurrent requests.
    @Test func acknowledgedWebhooksSurviveKill() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("motcua.sqlite").path
        let mock = MockZaloAPI()
        try mock.start()
        defer { mock.stop() }
        let client = try HTTPClient(configuration: .init(maxConnectionsPerHost: 32))
        defer { client.shutdown() }

        let server = try Server(database: database, mock: mock)
        #expect(await server.waitUntilHealthy(client))
        let count = 200
        let port = server.port
        let acknowledged = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<count {
                group.addTask {
                    let signed = ZaloWebhookBuilder.textEvent(
                        text: "xin chào", userID: "80000000000000001\(index % 10)", msgID: "kill-\(index)",
                        timestampMillis: 1_772_000_000_000 + Int64(index), settings: ServiceHarness.settings)
                    let response = try await client.send(
                        HTTPClientRequest(
                            method: "POST", url: "http://127.0.0.1:\(port)/webhooks/zalo",
                            headers: [(name: "X-ZEvent-Signature", value: signed.signature)], body: signed.body))
                    return response.status == 200 ? "kill-\(index)" : nil
                }
            }
            return try await group.reduce(into: Set<String>()) { set, id in
                if let id { set.insert(id) }
            }
        }
        server.kill()

        // Inserting an event again returns false when it is already stored.
        let store = try SQLiteStore(path: database)
        defer { store.close() }
        #expect(acknowledged.count == count)
        for id in acknowledged.sorted() {
            let event = InboundEvent(
                channel: .zalo, eventID: id, userID: "0", timestampMillis: 0, content: .text("xin chào"))
            #expect(try !store.insertInbound(event, receivedAt: Date()), "event \(id) was lost")
        }
    }
}
