import Foundation
import MotCuaCore
import MotCuaHTTP
import Synchronization

/// A stand-in for the send APIs of Zalo, Telegram and Messenger on loopback, for tests, the demo
/// and benchmarks. One server handles Zalo's `POST /v3.0/oa/message/cs`, Telegram's
/// `POST /bot<TOKEN>/sendMessage` and `/answerCallbackQuery`, and Messenger's
/// `POST /<version>/me/messages`, so it can be the API base of every channel at once. It records
/// each message with its channel and can be set to fail. It also answers Zalo's OAuth refresh,
/// `POST /v4/oa/access_token`, so it can be the OAuth base too.
public final class MockZaloAPI: Sendable {
    /// A message the bot sent, as the mock received it.
    public struct ReceivedMessage: Sendable, Equatable {
        public var recipient: String
        public var text: String
        /// Zalo's `access_token` header, the token in a Telegram URL, or Messenger's `access_token`
        /// query parameter.
        public var accessToken: String?
        public var channel: ChannelKind = .zalo
        /// Telegram `callback_data` or Messenger quick-reply payloads, in order; empty for Zalo.
        public var buttons: [String] = []
        /// The titles shown on those buttons, as sent: Telegram's button text or Messenger's
        /// quick-reply title. Zalo has no buttons; its replies list them as numbered lines.
        public var buttonTitles: [String] = []
    }

    /// A scripted response for the next requests, to test retries and permanent failures.
    public enum Failure: Sendable {
        /// An HTTP status with a plain body, such as 500 or 429.
        case httpStatus(Int)
        /// HTTP 200 with a non-zero Zalo `error` code, such as -216 (token expired) or -230.
        case zaloError(Int)
        /// Waits this many seconds, then responds with HTTP 504 without recording the message, like a
        /// gateway that gave up before the platform handled the request. With a client timeout
        /// shorter than the wait, the client sees a timeout.
        case slow(seconds: Double)
        /// HTTP 429 with `Retry-After` in seconds. On the Telegram route the body is the Bot API's
        /// error object with `parameters.retry_after`.
        case rateLimited(retryAfter: Int)
        /// The connection closes without an answer, as when a network path drops.
        case droppedConnection
    }

    private struct State {
        var messages: [ReceivedMessage] = []
        var arrivalTimes: [Date] = []
        var callbackAnswers: [String] = []
        var failures: [Failure] = []
        var requests = 0
        var tokens = TokenState()
    }

    private let state = Mutex(State())
    private let server: Mutex<HTTPServer?> = Mutex(nil)
    private let host: String
    private let requestedPort: UInt16
    private let onMessage: (@Sendable (ReceivedMessage) -> Void)?
    /// The server's clock when it runs in the same process, such as in `motcua demo` with
    /// MOTCUA_FAKE_CLOCK=1; `POST /__mock/clock` moves it.
    let clock: AdjustableClock?

    public init(
        host: String = "127.0.0.1", port: UInt16 = 0, clock: AdjustableClock? = nil,
        onMessage: (@Sendable (ReceivedMessage) -> Void)? = nil
    ) {
        self.host = host
        self.requestedPort = port
        self.clock = clock
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

    /// When each message in `messages` arrived, by the wall clock, in the same order.
    public var arrivalTimes: [Date] { state.withLock { $0.arrivalTimes } }

    /// Messages received so far on one channel, in arrival order.
    public func messages(on channel: ChannelKind) -> [ReceivedMessage] {
        state.withLock { $0.messages.filter { $0.channel == channel } }
    }

    /// The `callback_query_id` of each Telegram `answerCallbackQuery` received, in arrival order.
    public var callbackAnswers: [String] { state.withLock { $0.callbackAnswers } }

    /// Requests received so far, failed ones included.
    public var requestCount: Int { state.withLock { $0.requests } }

    /// Makes the next requests fail, one failure each, in order.
    public func failNext(_ failures: [Failure]) {
        state.withLock { $0.failures += failures }
    }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.method == "POST", request.path == "/v4/oa/access_token" {
            return refreshAccessToken(request)
        }
        if request.method == "GET", request.path == "/__mock/messages" {
            return messagesListing(request)
        }
        if request.method == "POST", request.path == "/__mock/clock" {
            return advanceClock(request)
        }
        guard request.method == "POST", let channel = Self.channel(of: request.path) else {
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
        case .slow(let seconds)?:
            Thread.sleep(forTimeInterval: seconds)
            return .text(504, "injected slow answer\n")
        case .rateLimited(let seconds)?:
            return Self.rateLimited(retryAfter: seconds, channel: channel)
        case .droppedConnection?:
            return .droppedConnection
        case nil:
            break
        }

        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        switch channel {
        case .zalo:
            return zaloMessage(object, request: request)
        case .telegram:
            return request.path.hasSuffix("/answerCallbackQuery")
                ? telegramCallbackAnswer(object) : telegramMessage(object, request: request)
        case .messenger:
            return messengerMessage(object, request: request)
        }
    }

    private static func rateLimited(retryAfter seconds: Int, channel: ChannelKind) -> HTTPResponse {
        var response: HTTPResponse
        if channel == .telegram {
            let body =
                #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(seconds)","#
                + #""parameters":{"retry_after":\#(seconds)}}"#
            response = .json(429, Array(body.utf8))
        } else {
            response = .text(429, "injected rate limit\n")
        }
        response.headers.append((name: "Retry-After", value: "\(seconds)"))
        return response
    }

    private static func channel(of path: String) -> ChannelKind? {
        if path == "/v3.0/oa/message/cs" { return .zalo }
        if path.hasPrefix("/bot"), path.hasSuffix("/sendMessage") || path.hasSuffix("/answerCallbackQuery") {
            return .telegram
        }
        if path.hasSuffix("/me/messages"), path.split(separator: "/").count == 3 { return .messenger }
        return nil
    }

    private func zaloMessage(_ object: [String: Any], request: HTTPRequest) -> HTTPResponse {
        guard let recipient = (object["recipient"] as? [String: Any])?["user_id"] as? String,
            let text = (object["message"] as? [String: Any])?["text"] as? String
        else {
            return .json(200, Array(#"{"error":-201,"message":"Parameters are invalid"}"#.utf8))
        }
        if !acceptsAccessToken(request.header("access_token")) {
            return .json(200, Array(#"{"error":-216,"message":"Access token is invalid"}"#.utf8))
        }
        let count = record(
            ReceivedMessage(recipient: recipient, text: text, accessToken: request.header("access_token")))
        let body = #"{"error":0,"message":"Success","data":{"message_id":"mock-\#(count)","user_id":"\#(recipient)"}}"#
        return .json(200, Array(body.utf8))
    }

    private func telegramMessage(_ object: [String: Any], request: HTTPRequest) -> HTTPResponse {
        let chatID: String? =
            switch object["chat_id"] {
            case let number as NSNumber: number.stringValue
            case let text as String: text
            default: nil
            }
        guard let chatID, let text = object["text"] as? String, !text.isEmpty else {
            return .json(
                400, Array(#"{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}"#.utf8))
        }
        let rows = ((object["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]]) ?? []
        let buttons = rows.flatMap { $0.compactMap { $0["callback_data"] as? String } }
        let titles = rows.flatMap { $0.compactMap { $0["text"] as? String } }
        let token = request.path.dropFirst("/bot".count).split(separator: "/").first.map(String.init)
        let count = record(
            ReceivedMessage(
                recipient: chatID, text: text, accessToken: token, channel: .telegram, buttons: buttons,
                buttonTitles: titles))
        return .json(200, Array(#"{"ok":true,"result":{"message_id":\#(count)}}"#.utf8))
    }

    private func telegramCallbackAnswer(_ object: [String: Any]) -> HTTPResponse {
        guard let id = object["callback_query_id"] as? String else {
            return .json(
                400, Array(#"{"ok":false,"error_code":400,"description":"Bad Request: query id missing"}"#.utf8))
        }
        state.withLock { $0.callbackAnswers.append(id) }
        return .json(200, Array(#"{"ok":true,"result":true}"#.utf8))
    }

    private func messengerMessage(_ object: [String: Any], request: HTTPRequest) -> HTTPResponse {
        guard let recipient = (object["recipient"] as? [String: Any])?["id"] as? String,
            let message = object["message"] as? [String: Any], let text = message["text"] as? String
        else {
            return .json(
                400, Array(#"{"error":{"message":"Invalid parameter","type":"OAuthException","code":100}}"#.utf8))
        }
        let quickReplies = message["quick_replies"] as? [[String: Any]] ?? []
        let buttons = quickReplies.compactMap { $0["payload"] as? String }
        let titles = quickReplies.compactMap { $0["title"] as? String }
        let count = record(
            ReceivedMessage(
                recipient: recipient, text: text, accessToken: request.query["access_token"], channel: .messenger,
                buttons: buttons, buttonTitles: titles))
        return .json(200, Array(#"{"recipient_id":"\#(recipient)","message_id":"m_mock-\#(count)"}"#.utf8))
    }

    func withTokens<Result>(_ body: (inout TokenState) -> Result) -> Result {
        state.withLock { body(&$0.tokens) }
    }

    /// Stores a received message and returns how many messages the mock has received.
    private func record(_ message: ReceivedMessage) -> Int {
        let count = state.withLock { state -> Int in
            state.messages.append(message)
            state.arrivalTimes.append(Date())
            return state.messages.count
        }
        onMessage?(message)
        return count
    }
}
