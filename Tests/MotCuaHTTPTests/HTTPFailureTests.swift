import Foundation
import MotCuaHTTP
import Synchronization
import Testing

struct HTTPFailureTests {
    @Test func closedPortGivesCouldNotConnect() async throws {
        let probe = HTTPServer(configuration: .init(port: 0)) { _ in .text(200, "ok") }
        try probe.start()
        let closedPort = probe.port
        probe.stop()
        let client = try HTTPClient(configuration: .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5))
        defer { client.shutdown() }

        let error = await #expect(throws: HTTPError.self) {
            _ = try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(closedPort)/secret-path?token=abc"))
        }

        #expect(error?.code == .couldNotConnect)
        #expect(error?.message.contains("127.0.0.1:\(closedPort)") == true)
        #expect(error?.message.contains("token") == false)
    }

    @Test func droppedConnectionGivesError() async throws {
        let loopback = try LoopbackServer { _ in .droppedConnection }
        defer { loopback.stop() }

        let error = await #expect(throws: HTTPError.self) {
            _ = try await loopback.send("/dropped")
        }

        #expect(error?.code == .transferFailed)
    }

    @Test func slowHandlerGivesTimedOut() async throws {
        let loopback = try LoopbackServer(client: .init(connectTimeoutSeconds: 1, totalTimeoutSeconds: 0.3)) { _ in
            Thread.sleep(forTimeInterval: 1)
            return .text(200, "late")
        }
        defer { loopback.stop() }

        let error = await #expect(throws: HTTPError.self) {
            _ = try await loopback.send("/slow")
        }

        #expect(error?.code == .timedOut)
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "http://[::1/bad", "not a url"])
    func invalidURLIsRejected(url: String) async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }

        let error = await #expect(throws: HTTPError.self) {
            _ = try await client.send(HTTPClientRequest(url: url))
        }

        #expect(error?.code == .invalidURL)
    }

    @Test func takenPortGivesBindFailed() throws {
        let first = HTTPServer(configuration: .init(port: 0)) { _ in .text(200, "ok") }
        try first.start()
        defer { first.stop() }
        let second = HTTPServer(configuration: .init(port: first.port)) { _ in .text(200, "ok") }

        let error = #expect(throws: HTTPError.self) {
            try second.start()
        }

        #expect(error?.code == .bindFailed)
        #expect(error?.message.contains("127.0.0.1:\(first.port)") == true)
    }

    @Test func startingTwiceIsRejected() throws {
        let server = HTTPServer(configuration: .init(port: 0)) { _ in .text(200, "ok") }
        try server.start()
        defer { server.stop() }

        let error = #expect(throws: HTTPError.self) {
            try server.start()
        }

        #expect(error?.code == .invalidState)
    }

    static let invalidResponses: [HTTPResponse] = [
        HTTPResponse(status: 200, headers: [("X-Injected", "a\r\nSet-Cookie: b")]),
        HTTPResponse(status: 42),
    ]

    @Test(arguments: invalidResponses)
    func invalidResponseGives500(response: HTTPResponse) async throws {
        let messages = Mutex<[String]>([])
        let configuration = HTTPServer.Configuration(errorHandler: { message in
            messages.withLock { $0.append(message) }
        })
        let loopback = try LoopbackServer(configuration: configuration) { _ in response }
        defer { loopback.stop() }

        let received = try await loopback.send("/invalid")

        #expect(received.status == 500)
        #expect(received.header("set-cookie") == nil)
        let logged = messages.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?.contains("invalid") == true)
    }

    @Test func stopWaitsForRequestInFlight() async throws {
        let handlerMayReturn = Atomic<Bool>(false)
        let loopback = try LoopbackServer { _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while !handlerMayReturn.load(ordering: .acquiring), ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
            return .text(200, "finished")
        }
        defer { loopback.stop() }

        let pending = Task { try await loopback.send("/slow") }
        try await waitUntil { loopback.server.requestsInFlight == 1 }
        let stopping = Task.detached { loopback.server.stop() }
        try await waitUntil { loopback.server.isStopping }
        handlerMayReturn.store(true, ordering: .releasing)
        let response = try await pending.value
        await stopping.value

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "finished")
        #expect(response.header("connection") == "close")
        #expect(!loopback.server.isStopping)
        #expect(loopback.server.requestsInFlight == 0)
        let afterStop = await #expect(throws: HTTPError.self) {
            _ = try await loopback.send("/after")
        }
        #expect(afterStop?.code == .couldNotConnect)
    }

    @Test func cancelledTaskGivesCancelled() async throws {
        let loopback = try LoopbackServer { _ in
            Thread.sleep(forTimeInterval: 0.5)
            return .text(200, "late")
        }
        defer { loopback.stop() }

        let pending = Task { try await loopback.send("/slow") }
        try await waitUntil { loopback.server.requestsInFlight == 1 }
        pending.cancel()

        let error = await #expect(throws: HTTPError.self) {
            _ = try await pending.value
        }
        #expect(error?.code == .cancelled)
    }

    @Test func sendAfterShutdownGivesCancelled() async throws {
        let loopback = try LoopbackServer { _ in .text(200, "ok") }
        defer { loopback.stop() }
        loopback.client.shutdown()

        let error = await #expect(throws: HTTPError.self) {
            _ = try await loopback.send("/x")
        }

        #expect(error?.code == .cancelled)
    }

    /// Polls `condition` every 10 ms for up to 30 seconds, which allows for a loaded machine.
    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "condition not met within 30 seconds")
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
