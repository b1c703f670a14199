import Foundation
import MotCuaHTTP
import Synchronization
import Testing

struct HTTPRoundTripTests {
    @Test func getReturnsHandlerResponse() async throws {
        let loopback = try LoopbackServer { request in
            .text(200, "\(request.method) \(request.path)")
        }
        defer { loopback.stop() }

        let response = try await loopback.send("/webhooks/zalo")

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "GET /webhooks/zalo")
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    }

    /// A request body named for test output, since the bytes themselves make long test names.
    struct BodyCase: Sendable, CustomTestStringConvertible {
        let label: String
        let bytes: [UInt8]

        var testDescription: String {
            "\(label) (\(bytes.count) bytes)"
        }
    }

    static let bodies: [BodyCase] = [
        BodyCase(label: "empty", bytes: []),
        BodyCase(label: "ascii JSON", bytes: Array(#"{"event_name":"user_send_text"}"#.utf8)),
        BodyCase(label: "Vietnamese", bytes: Array("Tôi muốn nộp hồ sơ đăng ký khai sinh ở Phường Đông Hà".utf8)),
        BodyCase(label: "binary with zero bytes", bytes: (0..<1024).map { UInt8($0 % 256) }),
        BodyCase(label: "just under the limit", bytes: [UInt8](repeating: 0xAB, count: (1 << 20) - 1)),
    ]

    @Test(arguments: bodies)
    func postBodyArrivesExactly(body: BodyCase) async throws {
        let received = Mutex<[UInt8]?>(nil)
        let loopback = try LoopbackServer { request in
            received.withLock { $0 = request.body }
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/octet-stream")], body: request.body)
        }
        defer { loopback.stop() }

        let response = try await loopback.send("/echo", method: "POST", body: body.bytes)

        #expect(received.withLock { $0 } == body.bytes)
        #expect(response.status == 200)
        #expect(response.body == body.bytes)
    }

    @Test(arguments: ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"])
    func methodReachesHandler(method: String) async throws {
        let loopback = try LoopbackServer { request in
            HTTPResponse(status: 200, headers: [("X-Method", request.method)], body: Array("ok".utf8))
        }
        defer { loopback.stop() }

        let response = try await loopback.send("/method", method: method)

        #expect(response.status == 200)
        #expect(response.header("x-method") == method)
        #expect(response.body == (method == "HEAD" ? [] : Array("ok".utf8)))
    }

    @Test func headersMatchCaseInsensitively() async throws {
        let seen = Mutex<HTTPRequest?>(nil)
        let loopback = try LoopbackServer { request in
            seen.withLock { $0 = request }
            return HTTPResponse(status: 204, headers: [("X-Request-Id", "evt-42")])
        }
        defer { loopback.stop() }

        let response = try await loopback.send(
            "/h", method: "POST", headers: [("X-Zalo-Signature", "mac=abc123"), ("Content-Type", "application/json")],
            body: Array("{}".utf8))
        let request = try #require(seen.withLock { $0 })

        #expect(request.header("x-zalo-signature") == "mac=abc123")
        #expect(request.header("X-ZALO-SIGNATURE") == "mac=abc123")
        #expect(request.headers["x-zalo-signature"] == "mac=abc123")
        #expect(request.header("content-type") == "application/json")
        #expect(request.remoteAddress == "127.0.0.1")
        #expect(response.status == 204)
        #expect(response.header("X-REQUEST-ID") == "evt-42")
        #expect(response.headers["x-request-id"] == "evt-42")
    }

    @Test func queryIsParsedAndDecoded() async throws {
        let seen = Mutex<HTTPRequest?>(nil)
        let loopback = try LoopbackServer { request in
            seen.withLock { $0 = request }
            return .text(200, "ok")
        }
        defer { loopback.stop() }

        _ = try await loopback.send(
            "/webhooks/messenger?hub.mode=subscribe&hub.challenge=1158201444&q=h%E1%BB%93%20s%C6%A1&flag")
        let request = try #require(seen.withLock { $0 })

        #expect(request.path == "/webhooks/messenger")
        #expect(request.query["hub.mode"] == "subscribe")
        #expect(request.query["hub.challenge"] == "1158201444")
        #expect(request.query["q"] == "hồ sơ")
        #expect(request.query["flag"] == "")
        #expect(request.query.count == 4)
    }

    /// Headers that change how curl sends the body: as is, or only after the server sends
    /// "100 Continue".
    static let uploadHeaders: [[String]] = [[], ["Expect", "100-continue"]]

    @Test(arguments: uploadHeaders)
    func bodyOverLimitGets413WithoutHandler(header: [String]) async throws {
        let handlerCalls = Atomic<Int>(0)
        let loopback = try LoopbackServer(configuration: .init(maxBodyBytes: 1024)) { _ in
            handlerCalls.add(1, ordering: .relaxed)
            return .text(200, "ok")
        }
        defer { loopback.stop() }
        let headers = header.isEmpty ? [] : [(name: header[0], value: header[1])]

        let atLimit = try await loopback.send(
            "/limit", method: "POST", headers: headers, body: [UInt8](repeating: 7, count: 1024))
        let overLimit = try await loopback.send(
            "/limit", method: "POST", headers: headers, body: [UInt8](repeating: 7, count: 1025))

        #expect(atLimit.status == 200)
        #expect(overLimit.status == 413)
        #expect(handlerCalls.load(ordering: .relaxed) == 1)
    }

    @Test func chunkedBodyOverLimitClosesConnection() async throws {
        let handlerCalls = Atomic<Int>(0)
        let loopback = try LoopbackServer(configuration: .init(maxBodyBytes: 1024)) { _ in
            handlerCalls.add(1, ordering: .relaxed)
            return .text(200, "ok")
        }
        defer { loopback.stop() }
        let chunked = [(name: "Transfer-Encoding", value: "chunked")]

        let underLimit = try await loopback.send(
            "/limit", method: "POST", headers: chunked, body: [UInt8](repeating: 7, count: 1000))
        let error = await #expect(throws: HTTPError.self) {
            _ = try await loopback.send(
                "/limit", method: "POST", headers: chunked, body: [UInt8](repeating: 7, count: 5000))
        }

        #expect(underLimit.status == 200)
        #expect(error?.code == .transferFailed)
        #expect(handlerCalls.load(ordering: .relaxed) == 1)
    }

    @Test(arguments: [400, 404, 500, 503])
    func errorStatusKeepsBody(status: Int) async throws {
        let loopback = try LoopbackServer { _ in
            .json(status, Array(#"{"error":"không tìm thấy"}"#.utf8))
        }
        defer { loopback.stop() }

        let response = try await loopback.send("/missing")

        #expect(response.status == status)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":"không tìm thấy"}"#)
        #expect(response.header("content-type") == "application/json")
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let loopback = try LoopbackServer { request in
            .text(200, request.query["i"] ?? "")
        }
        defer { loopback.stop() }

        for index in 0..<20 {
            let response = try await loopback.send("/seq?i=\(index)")
            #expect(String(decoding: response.body, as: UTF8.self) == "\(index)")
        }

        #expect(loopback.server.openedConnectionCount == 1)
    }

    @Test func fiftyConcurrentRequestsAllAnswered() async throws {
        let loopback = try LoopbackServer(configuration: .init(threadCount: 4)) { request in
            Thread.sleep(forTimeInterval: 0.01)
            return .text(200, request.query["i"] ?? "")
        }
        defer { loopback.stop() }

        let answers = try await withThrowingTaskGroup(of: (Int, HTTPClientResponse).self) { group in
            for index in 0..<50 {
                group.addTask { (index, try await loopback.send("/c?i=\(index)")) }
            }
            var answers: [Int: HTTPClientResponse] = [:]
            for try await (index, response) in group {
                answers[index] = response
            }
            return answers
        }

        #expect(answers.count == 50)
        for (index, response) in answers {
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "\(index)")
        }
    }
}
