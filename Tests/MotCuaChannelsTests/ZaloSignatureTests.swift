import MotCuaChannels
import MotCuaCrypto
import Testing

struct ZaloSignatureTests {
    /// The synthetic body from the Zalo reference notes, 218 bytes of UTF-8 without a trailing newline.
    static let vectorBody =
        #"{"app_id":"APP_ID_TEST","user_id_by_app":"UID_APP_1","event_name":"user_send_text","timestamp":"1718000000123","sender":{"id":"UID_OA_1"},"recipient":{"id":"OA_ID_TEST"},"message":{"msg_id":"MSG_1","text":"Xin chào"}}"#

    struct VectorCase: Sendable, CustomStringConvertible {
        var firstTerm: ZaloSettings.FirstTerm
        var secret: String
        var expected: String
        var description: String { "\(firstTerm.rawValue) + \(secret)" }
    }

    static let vectorCases = [
        VectorCase(
            firstTerm: .appID, secret: "OA_SECRET_TEST",
            expected: "mac=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c"),
        VectorCase(
            firstTerm: .oaID, secret: "OA_SECRET_TEST",
            expected: "mac=0613b6380509ec23dd621a603f6b40160c02663492197509b9d7fe5cd1574850"),
        VectorCase(
            firstTerm: .appID, secret: "APP_SECRET_TEST",
            expected: "mac=891815126f1d524735c808fb27acc385961910f026be415bb52797ead27bd0a8"),
    ]

    static func settings(_ vector: VectorCase) -> ZaloSettings {
        var settings = testSettings
        settings.signatureFirstTerm = vector.firstTerm
        settings.signatureSecret = vector.secret
        return settings
    }

    @Test(arguments: vectorCases)
    func referenceVectorVerifies(_ vector: VectorCase) throws {
        let body = Array(Self.vectorBody.utf8)
        #expect(body.count == 218)

        let settings = Self.settings(vector)
        #expect(try ZaloWebhook.signatureHeaderValue(body: body, settings: settings) == vector.expected)
        try ZaloWebhook.verify(body: body, signatureHeader: vector.expected, settings: settings)
    }

    @Test(arguments: vectorCases)
    func referenceVectorRejectsOtherSettings(_ vector: VectorCase) {
        for other in Self.vectorCases where other.expected != vector.expected {
            let error = channelError {
                try ZaloWebhook.verify(
                    body: Array(Self.vectorBody.utf8), signatureHeader: vector.expected, settings: Self.settings(other))
            }
            #expect(error?.code == .badSignature)
        }
    }

    @Test func builderReproducesReferenceBody() {
        let signed = ZaloWebhookBuilder.textEvent(
            text: "Xin chào", userID: "UID_OA_1", msgID: "MSG_1", timestampMillis: 1_718_000_000_123,
            settings: testSettings, appScopedUserID: "UID_APP_1")

        #expect(signed.body == Array(Self.vectorBody.utf8))
        #expect(signed.signature == Self.vectorCases[0].expected)
    }

    /// Each changed byte sits inside a JSON string, so the body stays valid JSON and only the
    /// signature can catch it: the app id, the timestamp, the sender id, the message id and the text.
    @Test(arguments: ["APP_ID_TEST", "1718000000123", "UID_OA_1", "MSG_1", "Xin"])
    func oneChangedByteFails(inValue value: String) throws {
        var body = Array(Self.vectorBody.utf8)
        let position = try #require(Self.vectorBody.utf8.indexOf(Array(value.utf8)))
        body[position + 1] ^= 0x01

        let error = channelError {
            try ZaloWebhook.verify(body: body, signatureHeader: Self.vectorCases[0].expected, settings: testSettings)
        }
        #expect(error?.code == .badSignature)
    }

    @Test func changeThatBreaksJSONIsRejected() {
        var body = Array(Self.vectorBody.utf8)
        body[body.count - 1] ^= 0x01

        let error = channelError {
            try ZaloWebhook.verify(body: body, signatureHeader: Self.vectorCases[0].expected, settings: testSettings)
        }
        #expect(error?.code == .malformedBody)
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func missingHeaderIsRejected(header: String?) {
        let error = channelError {
            try ZaloWebhook.verify(body: Array(Self.vectorBody.utf8), signatureHeader: header, settings: testSettings)
        }
        #expect(error?.code == .missingSignature)
    }

    /// Hex digits are decoded before the comparison, so letter case does not matter, and the
    /// `mac=` prefix is optional.
    @Test(arguments: [
        "mac=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c",
        "mac=F2494AA20D9F66EBEDE2DF3EBDB270C15F58CD4C1576904029C79622499D489C",
        "MAC=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c",
        "f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c",
        " mac=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c ",
    ])
    func headerFormsAccepted(header: String) throws {
        try ZaloWebhook.verify(body: Array(Self.vectorBody.utf8), signatureHeader: header, settings: testSettings)
    }

    @Test(arguments: [
        "mac=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489",
        "mac=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c00",
        "mac=g2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c",
        "sha256=f2494aa20d9f66ebede2df3ebdb270c15f58cd4c1576904029c79622499d489c",
        "mac=",
    ])
    func malformedHeaderIsBadSignature(header: String) {
        let error = channelError {
            try ZaloWebhook.verify(body: Array(Self.vectorBody.utf8), signatureHeader: header, settings: testSettings)
        }
        #expect(error?.code == .badSignature)
    }

    @Test func errorMessageOmitsSecret() {
        var settings = testSettings
        settings.signatureSecret = "SECRET_THAT_MUST_NOT_LEAK"

        let error = channelError {
            try ZaloWebhook.verify(
                body: Array(Self.vectorBody.utf8), signatureHeader: Self.vectorCases[0].expected, settings: settings)
        }
        #expect(error?.code == .badSignature)
        #expect(error?.message.contains("SECRET_THAT_MUST_NOT_LEAK") == false)
        #expect(error?.message.contains("X-ZEvent-Signature") == true)
    }

    @Test func bodyWithoutTimestampIsMalformed() {
        let error = channelError {
            try ZaloWebhook.verify(
                body: Array(#"{"event_name":"user_send_text"}"#.utf8),
                signatureHeader: "mac=" + String(repeating: "0", count: 64),
                settings: testSettings)
        }
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains("timestamp") == true)
    }

    @Test func nonJSONBodyIsMalformed() {
        let error = channelError {
            try ZaloWebhook.verify(
                body: Array("not json".utf8), signatureHeader: "mac=" + String(repeating: "0", count: 64),
                settings: testSettings)
        }
        #expect(error?.code == .malformedBody)
    }

    /// The expected value was computed outside Swift (Python hashlib) over the file's exact bytes,
    /// so it catches a fixture file or a hashing change that would otherwise agree with itself.
    @Test func fixtureSignatureMatchesIndependentDigest() throws {
        let body = try zaloFixture("user_send_text")
        let expected = "mac=6e87eaa80936542844a808d2eb2a7df51e954bd7029622a6c8cb1e49090bb8b3"

        #expect(try ZaloWebhook.signatureHeaderValue(body: body, settings: testSettings) == expected)
        try ZaloWebhook.verify(body: body, signatureHeader: expected, settings: testSettings)
    }

    @Test func numericTimestampIsHashedAsWritten() throws {
        let body = try zaloFixture("user_send_text_no_diacritics")
        var settings = testSettings
        settings.signatureFirstTerm = .oaID

        let input = Array("OA_ID_TEST".utf8) + body + Array("1718000001456".utf8) + Array("OA_SECRET_TEST".utf8)
        let expected = "mac=" + Digest.sha256Hex(input)

        #expect(try ZaloWebhook.signatureHeaderValue(body: body, settings: settings) == expected)
        try ZaloWebhook.verify(body: body, signatureHeader: expected, settings: settings)
    }
}

extension String.UTF8View {
    /// Returns the offset of the first occurrence of `needle`.
    fileprivate func indexOf(_ needle: [UInt8]) -> Int? {
        let bytes = Array(self)
        guard needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }
}
