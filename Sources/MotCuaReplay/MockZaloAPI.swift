import Foundation
import MotCuaHTTP
import Synchronization

/// A stand-in for Zalo's OA API on loopback, for tests, the demo and benchmarks. It answers
/// `POST /v3.0/oa/message/cs` like Zalo does, records each message, and can be told to fail.
public final class MockZaloAPI: Sendable {
    /// A message the bot sent, as the mock received it.
    public struct ReceivedMessage: Sendable, Equatable {
        public var recipient: String
        public var text: String
        public var accessToken: String?
    }

    /// A scripted answer for the next requests, to test retries and permanent failures.
    public enum Failure: Sendable {
        /// An HTTP status with a plain body, such as 500 or 429.
        case httpStatus(Int)
        /// HTTP 200 with a non-zero Zalo `error` code, such as -216 (token expired) or -230.
        case zaloError(Int)
    }

    private struct State {
        var messages: [ReceivedMessage] = []
        var failures: [Failure] = []
        var requests = 0
    }

    private let state = Mutex(State())
    private let server: Mutex<HTTPServer?> = Mutex(nil)
    private let host: String
    private let requestedPort: UInt16
    private let onMessage: (@Sendable (ReceivedMessage) -> Void)?

    public init(host: String = "127.0.0.1", port: UInt16 = 0, onMessage: (@Sendable (ReceivedMessage) -> Void)? = nil) {
        self.host = host
        self.requestedPort = port
        self.onMessage = onMessage
    }

    public func start() throws {
        let server = HTTPServer(
            configuration: .init(host: host, port: requestedPort, threadCount: 2), handler: { [self] in handle($0) })
        try server.start()
        self.server.withLock { $0 = server }
    }

    public func stop() {
        server.withLock { $0 }?.stop()
    }

    /// The URL to use as the Zalo API base, e.g. `http://127.0.0.1:40123`.
    public var baseURL: String {
        "http://\(host):\(server.withLock { $0?.port ?? 0 })"
    }

    /// Messages received so far, in arrival order.
    public var messages: [ReceivedMessage] { state.withLock { $0.messages } }

    /// Requests received so far, failed ones included.
    public var requestCount: Int { state.withLock { $0.requests } }

    /// Makes the next requests fail, one failure each, in order.
    public func failNext(_ failures: [Failure]) {
        state.withLock { $0.failures += failures }
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "POST", request.path == "/v3.0/oa/message/cs" else {
            return .json(404, Array(#"{"error":-209,"message":"API not supported by the mock"}"#.utf8))
        }
        let failure = state.withLock { state -> Failure? in
            state.requests += 1
            return state.failures.isEmpty ? nil : state.failures.removeFirst()
        }
        switch failure {
        case .httpStatus(let status)?:
            return .text(status, "injected failure\n")
        case .zaloError(let code)?:
            return .json(200, Array(#"{"error":\#(code),"message":"injected error"}"#.utf8))
        case nil:
            break
        }

        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
            let recipient = (object["recipient"] as? [String: Any])?["user_id"] as? String,
            let text = (object["message"] as? [String: Any])?["text"] as? String
        else {
            return .json(200, Array(#"{"error":-201,"message":"Parameters are invalid"}"#.utf8))
        }
        let message = ReceivedMessage(recipient: recipient, text: text, accessToken: request.header("access_token"))
        let count = state.withLock { state -> Int in
            state.messages.append(message)
            return state.messages.count
        }
        onMessage?(message)
        let body = #"{"error":0,"message":"Success","data":{"message_id":"mock-\#(count)","user_id":"\#(recipient)"}}"#
        return .json(200, Array(body.utf8))
    }
}
