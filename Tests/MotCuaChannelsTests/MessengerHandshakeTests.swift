import MotCuaChannels
import Testing

struct MessengerHandshakeTests {
    struct HandshakeCase: Sendable, CustomStringConvertible {
        var name: String
        var query: [String: String]
        var expected: String?
        var description: String { name }
    }

    static let cases = [
        HandshakeCase(
            name: "right token",
            query: ["hub.mode": "subscribe", "hub.verify_token": "VERIFY_TOKEN_TEST", "hub.challenge": "1158201444"],
            expected: "1158201444"),
        HandshakeCase(
            name: "wrong token",
            query: ["hub.mode": "subscribe", "hub.verify_token": "VERIFY_TOKEN_TESX", "hub.challenge": "1158201444"],
            expected: nil),
        HandshakeCase(
            name: "token prefix",
            query: ["hub.mode": "subscribe", "hub.verify_token": "VERIFY_TOKEN", "hub.challenge": "1158201444"],
            expected: nil),
        HandshakeCase(
            name: "wrong mode",
            query: ["hub.mode": "unsubscribe", "hub.verify_token": "VERIFY_TOKEN_TEST", "hub.challenge": "1158201444"],
            expected: nil),
        HandshakeCase(
            name: "missing mode", query: ["hub.verify_token": "VERIFY_TOKEN_TEST", "hub.challenge": "1158201444"],
            expected: nil),
        HandshakeCase(
            name: "missing token", query: ["hub.mode": "subscribe", "hub.challenge": "1158201444"], expected: nil),
        HandshakeCase(
            name: "missing challenge", query: ["hub.mode": "subscribe", "hub.verify_token": "VERIFY_TOKEN_TEST"],
            expected: nil),
    ]

    @Test(arguments: cases)
    func handshake(_ testCase: HandshakeCase) {
        #expect(
            MessengerWebhook.verifyHandshake(query: testCase.query, settings: messengerTestSettings)
                == testCase.expected)
    }

    @Test func emptyConfiguredTokenRejectsEmptyToken() {
        var settings = messengerTestSettings
        settings.verifyToken = ""
        let query = ["hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "42"]
        #expect(MessengerWebhook.verifyHandshake(query: query, settings: settings) == nil)
    }
}
