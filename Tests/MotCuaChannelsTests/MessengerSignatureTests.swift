import MotCuaChannels
import Testing

/// Settings the Messenger fixtures and signature vectors use; the fixtures' README names the same values.
let messengerTestSettings = MessengerSettings(
    appSecret: "TEST_APP_SECRET", verifyToken: "VERIFY_TOKEN_TEST", pageToken: "PAGE_TOKEN_TEST",
    apiBase: "http://127.0.0.1:9", apiVersion: "v21.0")

struct MessengerSignatureTests {
    /// The signed body in Meta's escaped form: `\uXXXX` for non-ASCII and `\/` for `/`, 277 bytes.
    static let escapedBody =
        #"{"object":"page","entry":[{"id":"PAGE_ID","time":1718000000456,"messaging":[{"sender":{"id":"PSID_1"},"recipient":{"id":"PAGE_ID"},"timestamp":1718000000123,"message":{"mid":"m_TEST_1","text":"Xin ch\u00e0o \u0111\u1ea1i l\u00fd \ud83d\ude00 https:\/\/example.invalid\/a"}}]}]}"#
    /// The same JSON with the text as raw UTF-8, which has another digest.
    static let rawUTF8Body =
        #"{"object":"page","entry":[{"id":"PAGE_ID","time":1718000000456,"messaging":[{"sender":{"id":"PSID_1"},"recipient":{"id":"PAGE_ID"},"timestamp":1718000000123,"message":{"mid":"m_TEST_1","text":"Xin chào đại lý 😀 https://example.invalid/a"}}]}]}"#
    /// The escaped body parsed and written again with spaces after separators and `/` unescaped.
    static let reserialisedBody =
        #"{"object": "page", "entry": [{"id": "PAGE_ID", "time": 1718000000456, "messaging": [{"sender": {"id": "PSID_1"}, "recipient": {"id": "PAGE_ID"}, "timestamp": 1718000000123, "message": {"mid": "m_TEST_1", "text": "Xin ch\u00e0o \u0111\u1ea1i l\u00fd \ud83d\ude00 https://example.invalid/a"}}]}]}"#

    /// Computed with Python's hmac module over the exact bytes above.
    static let escapedHeader = "sha256=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6"
    static let rawUTF8Header = "sha256=556d2ee1fcad838cba764e34236262e3643c31f90d419c7988cf4e7db7da4bea"
    static let reserialisedHeader = "sha256=a1625dd20dd6bf989c6d16d95e201074e12a323226a1f63d83c07e5556e4c7e1"

    static func verifyError(_ body: String, _ header: String?) -> ChannelError? {
        verifyError(Array(body.utf8), header)
    }

    static func verifyError(_ body: [UInt8], _ header: String?) -> ChannelError? {
        channelError {
            try MessengerWebhook.verify(body: body, signatureHeader: header, settings: messengerTestSettings)
        }
    }

    @Test func escapedBodyVerifies() throws {
        let body = Array(Self.escapedBody.utf8)
        #expect(body.count == 277)
        #expect(
            MessengerWebhook.signatureHeaderValue(body: body, settings: messengerTestSettings) == Self.escapedHeader)
        try MessengerWebhook.verify(body: body, signatureHeader: Self.escapedHeader, settings: messengerTestSettings)
    }

    @Test func otherSerialisationsHaveOtherDigests() throws {
        #expect(Array(Self.rawUTF8Body.utf8).count == 251)
        #expect(Array(Self.reserialisedBody.utf8).count == 294)
        try MessengerWebhook.verify(
            body: Array(Self.rawUTF8Body.utf8), signatureHeader: Self.rawUTF8Header, settings: messengerTestSettings)
        try MessengerWebhook.verify(
            body: Array(Self.reserialisedBody.utf8), signatureHeader: Self.reserialisedHeader,
            settings: messengerTestSettings)

        #expect(Self.verifyError(Self.rawUTF8Body, Self.escapedHeader)?.code == .badSignature)
        #expect(Self.verifyError(Self.reserialisedBody, Self.escapedHeader)?.code == .badSignature)
    }

    @Test func builderReproducesEscapedBody() {
        let envelope = MessengerWebhookBuilder.Envelope(
            senderID: "PSID_1", timestampMillis: 1_718_000_000_123, entryTimeMillis: 1_718_000_000_456)
        let signed = MessengerWebhookBuilder.textEvent(
            text: "Xin chào đại lý 😀 https://example.invalid/a", mid: "m_TEST_1", envelope: envelope,
            settings: messengerTestSettings)

        #expect(String(decoding: signed.body, as: UTF8.self) == Self.escapedBody)
        #expect(signed.signature == Self.escapedHeader)
    }

    /// Each changed byte sits inside a JSON string, including inside an escape's hex digits.
    @Test(arguments: ["PSID_1", "m_TEST_1", "u00e0", "ud83d", "example"])
    func oneChangedByteFails(inValue value: String) throws {
        var body = Array(Self.escapedBody.utf8)
        let position = try #require(Self.offset(of: value, in: body))
        body[position + 1] ^= 0x01

        #expect(Self.verifyError(body, Self.escapedHeader)?.code == .badSignature)
    }

    @Test func trailingNewlineFails() {
        #expect(Self.verifyError(Self.escapedBody + "\n", Self.escapedHeader)?.code == .badSignature)
    }

    @Test(arguments: [nil, "", "  "] as [String?])
    func missingHeaderIsRejected(header: String?) {
        #expect(Self.verifyError(Self.escapedBody, header)?.code == .missingSignature)
    }

    @Test(arguments: [
        "sha1=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6",
        "mac=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6",
        "e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6",
        "sha256=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c",
        "sha256=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c600",
        "sha256=g9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6",
        "sha256=",
    ])
    func malformedHeaderIsBadSignature(header: String) {
        let error = Self.verifyError(Self.escapedBody, header)
        #expect(error?.code == .badSignature)
        #expect(error?.message.contains("X-Hub-Signature-256") == true)
    }

    @Test(arguments: [
        "sha256=E9DDA3E8F3AD536077300E61433FE5C0CC79B1FC7E0C3670689DEEB662DE52C6",
        "SHA256=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6",
        " sha256=e9dda3e8f3ad536077300e61433fe5c0cc79b1fc7e0c3670689deeb662de52c6 ",
    ])
    func headerCaseAndSpacesAccepted(header: String) throws {
        try MessengerWebhook.verify(
            body: Array(Self.escapedBody.utf8), signatureHeader: header, settings: messengerTestSettings)
    }

    @Test func errorMessageOmitsSecretAndToken() {
        var settings = messengerTestSettings
        settings.appSecret = "APP_SECRET_THAT_MUST_NOT_LEAK"
        settings.pageToken = "PAGE_TOKEN_THAT_MUST_NOT_LEAK"

        let error = channelError {
            try MessengerWebhook.verify(
                body: Array(Self.escapedBody.utf8), signatureHeader: Self.escapedHeader, settings: settings)
        }
        #expect(error?.code == .badSignature)
        #expect(error?.message.contains("MUST_NOT_LEAK") == false)
    }

    private static func offset(of value: String, in body: [UInt8]) -> Int? {
        let needle = Array(value.utf8)
        return (0...(body.count - needle.count)).first { Array(body[$0..<($0 + needle.count)]) == needle }
    }
}
