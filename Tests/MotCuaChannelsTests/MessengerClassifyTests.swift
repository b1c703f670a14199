import MotCuaChannels
import Testing

struct MessengerClassifyTests {
    struct ClassifyCase: Sendable, CustomStringConvertible {
        var name: String
        var status: Int
        var headers: [String: String] = [:]
        var body: String
        var expected: DeliveryOutcome
        var description: String { name }
    }

    static func graphError(code: Int, subcode: Int? = nil, message: String) -> String {
        let subcodeMember = subcode.map { ",\"error_subcode\":\($0)" } ?? ""
        return
            #"{"error":{"message":"\#(message)","type":"OAuthException","code":\#(code)\#(subcodeMember),"fbtrace_id":"AbCdEf"}}"#
    }

    static let cases = [
        ClassifyCase(
            name: "delivered", status: 200, body: #"{"recipient_id":"PSID_TEST_1","message_id":"m_abc"}"#,
            expected: .delivered(platformMessageID: "m_abc")),
        ClassifyCase(
            name: "200 without message_id", status: 200, body: "<html></html>",
            expected: .retry(after: nil, reason: "HTTP 200 without message_id")),
        ClassifyCase(
            name: "rate limit 613", status: 400, body: graphError(code: 613, message: "Calls exceeded"),
            expected: .retry(after: nil, reason: "Messenger error 613: rate limit reached")),
        ClassifyCase(
            name: "app limit 4", status: 400, headers: ["Retry-After": "60"],
            body: graphError(code: 4, message: "Application request limit reached"),
            expected: .retry(after: 60, reason: "Messenger error 4: rate limit reached")),
        ClassifyCase(
            name: "user limit 17", status: 400, body: graphError(code: 17, message: "User request limit reached"),
            expected: .retry(after: nil, reason: "Messenger error 17: rate limit reached")),
        ClassifyCase(
            name: "page limit 32", status: 400, body: graphError(code: 32, message: "Page request limit reached"),
            expected: .retry(after: nil, reason: "Messenger error 32: rate limit reached")),
        ClassifyCase(
            name: "temporary 1200", status: 500,
            body: graphError(code: 1200, message: "Temporary send message failure"),
            expected: .retry(after: nil, reason: "Messenger error 1200: temporary send failure")),
        ClassifyCase(
            name: "token 190", status: 400, body: graphError(code: 190, subcode: 463, message: "Session has expired"),
            expected: .tokenExpired(reason: "Messenger error 190/463: invalid or expired Page access token")),
        ClassifyCase(
            name: "outside window", status: 400,
            body: graphError(code: 10, subcode: 2_018_278, message: "Message sent outside of allowed window"),
            expected: .permanent(reason: "Messenger error 10/2018278: outside the 24-hour messaging window")),
        ClassifyCase(
            name: "person unavailable", status: 400,
            body: graphError(code: 551, subcode: 1_545_041, message: "This person isn't available right now."),
            expected: .permanent(reason: "Messenger error 551/1545041: person is not available")),
        ClassifyCase(
            name: "permission 200", status: 403, body: graphError(code: 200, message: "Permissions error"),
            expected: .permanent(reason: "Messenger error 200: missing permission")),
        ClassifyCase(
            name: "no matching user", status: 400,
            body: graphError(code: 100, subcode: 2_018_001, message: "No matching user found"),
            expected: .permanent(reason: "Messenger error 100/2018001: no matching user")),
        ClassifyCase(
            name: "other code", status: 400, body: graphError(code: 100, message: "Invalid parameter"),
            expected: .permanent(reason: "Messenger error 100: Invalid parameter")),
        ClassifyCase(
            name: "other code on 503", status: 503, body: graphError(code: 999, message: "Something new"),
            expected: .retry(after: nil, reason: "Messenger error 999: Something new")),
        ClassifyCase(
            name: "error without code", status: 400, body: #"{"error":{"message":"Bad"}}"#,
            expected: .permanent(reason: "Messenger error without code: Bad")),
        ClassifyCase(
            name: "429 with Retry-After", status: 429, headers: ["retry-after": "30"], body: "",
            expected: .retry(after: 30, reason: "HTTP 429")),
        ClassifyCase(name: "server error", status: 502, body: "", expected: .retry(after: nil, reason: "HTTP 502")),
        ClassifyCase(name: "not found", status: 404, body: "", expected: .permanent(reason: "HTTP 404")),
    ]

    @Test(arguments: cases)
    func classify(_ testCase: ClassifyCase) {
        let outcome = MessengerSender.classify(
            status: testCase.status, headers: testCase.headers, body: Array(testCase.body.utf8))
        #expect(outcome == testCase.expected)
    }
}
