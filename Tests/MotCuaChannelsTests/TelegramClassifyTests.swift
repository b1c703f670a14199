import MotCuaChannels
import Testing

struct TelegramClassifyTests {
    struct ClassifyCase: Sendable, CustomStringConvertible {
        var name: String
        var status: Int
        var headers: [String: String] = [:]
        var body: String
        var expected: DeliveryOutcome
        var description: String { name }
    }

    static let cases = [
        ClassifyCase(
            name: "delivered", status: 200,
            body:
                #"{"ok":true,"result":{"message_id":4242,"chat":{"id":5123456789,"type":"private"},"date":1,"text":"a"}}"#,
            expected: .delivered(platformMessageID: "4242")),
        ClassifyCase(
            name: "answerCallbackQuery result", status: 200, body: #"{"ok":true,"result":true}"#,
            expected: .delivered(platformMessageID: nil)),
        ClassifyCase(
            name: "2xx without ok", status: 200, body: "<html>proxy</html>",
            expected: .retry(after: nil, reason: "HTTP 200 without \"ok\": true")),
        ClassifyCase(
            name: "rate limited", status: 429,
            body:
                #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 35","parameters":{"retry_after":35}}"#,
            expected: .retry(after: 35, reason: "Telegram error 429: Too Many Requests: retry after 35")),
        ClassifyCase(
            name: "rate limited with header only", status: 429, headers: ["retry-after": "7"], body: "",
            expected: .retry(after: 7, reason: "Telegram error 429")),
        ClassifyCase(
            name: "server error", status: 502, body: "Bad Gateway",
            expected: .retry(after: nil, reason: "Telegram error 502")),
        ClassifyCase(
            name: "internal error with description", status: 500,
            body: #"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#,
            expected: .retry(after: nil, reason: "Telegram error 500: Internal Server Error")),
        ClassifyCase(
            name: "blocked", status: 403,
            body: #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
            expected: .permanent(reason: "Telegram error 403: Forbidden: bot was blocked by the user")),
        ClassifyCase(
            name: "deactivated", status: 403,
            body: #"{"ok":false,"error_code":403,"description":"Forbidden: user is deactivated"}"#,
            expected: .permanent(reason: "Telegram error 403: Forbidden: user is deactivated")),
        ClassifyCase(
            name: "chat not found", status: 400,
            body: #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#,
            expected: .permanent(reason: "Telegram error 400: Bad Request: chat not found")),
        ClassifyCase(
            name: "cannot parse entities", status: 400,
            body:
                #"{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: Character '.' is reserved"}"#,
            expected: .permanent(
                reason: "Telegram error 400: Bad Request: can't parse entities: Character '.' is reserved")),
        ClassifyCase(
            name: "revoked token", status: 401, body: #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#,
            expected: .permanent(reason: "Telegram error 401: Unauthorized")),
        ClassifyCase(
            name: "not found without body", status: 404, body: "",
            expected: .permanent(reason: "Telegram error 404")),
    ]

    @Test(arguments: cases)
    func classifies(_ testCase: ClassifyCase) {
        let outcome = TelegramSender.classify(
            status: testCase.status, headers: testCase.headers, body: Array(testCase.body.utf8))
        #expect(outcome == testCase.expected)
    }

    @Test func longDescriptionIsCut() {
        let description = String(repeating: "x", count: 500)
        let body = #"{"ok":false,"error_code":400,"description":"\#(description)"}"#
        let outcome = TelegramSender.classify(status: 400, headers: [:], body: Array(body.utf8))
        #expect(outcome == .permanent(reason: "Telegram error 400: " + String(repeating: "x", count: 200)))
    }
}
