import MotCuaChannels
import Testing

struct ZaloClassifyTests {
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
            name: "success", status: 200,
            body: #"{"error":0,"message":"Success","data":{"message_id":"abc123","user_id":"u1"}}"#,
            expected: .delivered(platformMessageID: "abc123")),
        ClassifyCase(
            name: "success without data", status: 200, body: #"{"error":0,"message":"Success"}"#,
            expected: .delivered(platformMessageID: nil)),
        ClassifyCase(
            name: "token invalid", status: 200, body: #"{"error":-216,"message":"Access token is invalid"}"#,
            expected: .tokenExpired(reason: "Zalo error -216: Access token is invalid")),
        ClassifyCase(
            name: "token expired", status: 200, body: #"{"error":-220,"message":"Access token has expired"}"#,
            expected: .tokenExpired(reason: "Zalo error -220: Access token has expired")),
        ClassifyCase(
            name: "outside window", status: 200, body: #"{"error":-230,"message":"User has not interacted"}"#,
            expected: .permanent(reason: "Zalo error -230: User has not interacted")),
        ClassifyCase(
            name: "blocked", status: 200, body: #"{"error":-217,"message":"User has blocked"}"#,
            expected: .permanent(reason: "Zalo error -217: User has blocked")),
        ClassifyCase(
            name: "not follower", status: 200, body: #"{"error":-213}"#,
            expected: .permanent(reason: "Zalo error -213")),
        ClassifyCase(
            name: "unknown code", status: 200, body: #"{"error":-999,"message":"Something new"}"#,
            expected: .permanent(reason: "Zalo error -999: Something new")),
        ClassifyCase(
            name: "rate limit", status: 200, body: #"{"error":-32,"message":"Rate limit"}"#,
            expected: .retry(after: nil, reason: "Zalo error -32: Rate limit")),
        ClassifyCase(
            name: "error as string", status: 200, body: #"{"error":"-216"}"#,
            expected: .tokenExpired(reason: "Zalo error -216")),
        ClassifyCase(
            name: "200 without envelope", status: 200, body: "<html></html>",
            expected: .retry(after: nil, reason: "HTTP 200 without a Zalo error field")),
        ClassifyCase(
            name: "server error", status: 500, body: "", expected: .retry(after: nil, reason: "HTTP 500")),
        ClassifyCase(
            name: "429 with Retry-After", status: 429, headers: ["retry-after": "30"], body: "",
            expected: .retry(after: 30, reason: "HTTP 429")),
        ClassifyCase(
            name: "503 with Retry-After date", status: 503, headers: ["Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"],
            body: "", expected: .retry(after: nil, reason: "HTTP 503")),
        ClassifyCase(name: "not found", status: 404, body: "", expected: .permanent(reason: "HTTP 404")),
        ClassifyCase(name: "forbidden", status: 403, body: "{}", expected: .permanent(reason: "HTTP 403")),
    ]

    @Test(arguments: cases)
    func classify(_ testCase: ClassifyCase) {
        let outcome = ZaloSender.classify(
            status: testCase.status, headers: testCase.headers, body: Array(testCase.body.utf8))
        #expect(outcome == testCase.expected)
    }
}
