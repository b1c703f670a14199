import Foundation
import MotCuaHTTP
import Synchronization
import Testing

/// A server whose handler answers from another thread after it returned.
struct HTTPDeferredTests {
    private static func start(_ handler: @escaping HTTPServer.DeferredHandler) throws -> (HTTPServer, HTTPClient) {
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), deferredHandler: handler)
        try server.start()
        let client = try HTTPClient(
            configuration: .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5, maxConnectionsPerHost: 80))
        return (server, client)
    }

    @Test func lateAnswerReachesClient() async throws {
        let (server, client) = try Self.start { request, respond in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) {
                respond(.text(202, "late \(request.path)"))
            }
        }
        defer {
            client.shutdown()
            server.stop()
        }

        let response = try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/slow"))

        #expect(response.status == 202)
        #expect(String(decoding: response.body, as: UTF8.self) == "late /slow")
    }

    @Test func answerBeforeReturnIsSent() async throws {
        let (server, client) = try Self.start { _, respond in
            respond(.text(200, "at once"))
        }
        defer {
            client.shutdown()
            server.stop()
        }

        let response = try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/"))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "at once")
    }

    /// Sixty-four requests wait at once on a server with two worker threads, which works only when
    /// a waiting request does not hold a thread. The handler answers all of them together.
    @Test func waitingRequestsHoldNoThread() async throws {
        let waiting = Mutex<[@Sendable (HTTPResponse) -> Void]>([])
        let count = 64
        let (server, client) = try Self.start { request, respond in
            let all = waiting.withLock { waiting -> [@Sendable (HTTPResponse) -> Void]? in
                waiting.append { respond($0) }
                return waiting.count == count ? waiting : nil
            }
            all?.forEach { $0(.text(200, "released")) }
        }
        defer {
            client.shutdown()
            server.stop()
        }

        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/\(index)")).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(statuses.count == count)
        #expect(statuses.allSatisfy { $0 == 200 })
    }

    @Test func secondAnswerIsIgnored() async throws {
        let (server, client) = try Self.start { _, respond in
            DispatchQueue.global().async {
                respond(.text(200, "first"))
                respond(.text(500, "second"))
            }
        }
        defer {
            client.shutdown()
            server.stop()
        }

        for _ in 0..<3 {
            let response = try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "first")
        }
    }
}
