import MotCuaChannels
import MotCuaCore
import Testing

struct MessengerDecodeTests {
    static let envelope = MessengerWebhookBuilder.Envelope(senderID: "PSID_9", timestampMillis: 1_718_000_100_000)

    static func wrap(_ item: String) -> [UInt8] {
        Array(#"{"object":"page","entry":[{"id":"P","time":1,"messaging":[\#(item)]}]}"#.utf8)
    }

    static func decodeError(_ body: [UInt8]) -> ChannelError? {
        channelError { _ = try MessengerWebhook.decode(body: body) }
    }

    @Test func builderEventsRoundTrip() throws {
        let user = Self.envelope.senderID
        let time = Self.envelope.timestampMillis
        let built = [
            MessengerWebhookBuilder.textEvent(
                text: "Dòng 1\n\"trích\" \\ <a@b%c/d>", mid: "m_text", envelope: Self.envelope,
                settings: messengerTestSettings),
            MessengerWebhookBuilder.quickReplyEvent(
                title: "Nộp hồ sơ", payload: "nop_ho_so", mid: "m_quick", envelope: Self.envelope,
                settings: messengerTestSettings),
            MessengerWebhookBuilder.postbackEvent(
                title: "Bắt đầu", payload: "GET_STARTED", mid: "m_postback", envelope: Self.envelope,
                settings: messengerTestSettings),
            MessengerWebhookBuilder.postbackEvent(
                title: "Bắt đầu", payload: "GET_STARTED", mid: nil, envelope: Self.envelope,
                settings: messengerTestSettings),
            MessengerWebhookBuilder.imageEvent(
                url: "https://example.com/a.jpg", mid: "m_image", envelope: Self.envelope,
                settings: messengerTestSettings),
        ]
        let expected: [InboundContent] = [
            .text("Dòng 1\n\"trích\" \\ <a@b%c/d>"), .button("nop_ho_so"), .button("GET_STARTED"),
            .button("GET_STARTED"), .image(url: "https://example.com/a.jpg", caption: nil),
        ]
        let ids = ["m_text", "m_quick", "m_postback", "postback:\(user):\(time)", "m_image"]

        for index in built.indices {
            let signed = built[index]
            try MessengerWebhook.verify(
                body: signed.body, signatureHeader: signed.signature, settings: messengerTestSettings)
            let event = InboundEvent(
                channel: .messenger, eventID: ids[index], userID: user, timestampMillis: time, content: expected[index])
            #expect(try MessengerWebhook.decode(body: signed.body) == MessengerWebhookBatch(events: [event]))
        }
    }

    @Test func builderBodyIsASCII() {
        let signed = MessengerWebhookBuilder.textEvent(
            text: "Đặt lịch 😀 a/b", mid: "m", envelope: Self.envelope, settings: messengerTestSettings)
        #expect(signed.body.allSatisfy { $0 < 0x80 })
        #expect(String(decoding: signed.body, as: UTF8.self).contains(#"\u0110\u1eb7t l\u1ecbch \ud83d\ude00 a\/b"#))
    }

    @Test func decomposedTextIsNormalizedToNFC() throws {
        let body = Self.wrap(
            #"{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":5,"message":{"mid":"m","text":"cha\u0300o"}}"#)
        let batch = try MessengerWebhook.decode(body: body)
        guard case .text(let text) = batch.events.first?.content else {
            Issue.record("expected text content")
            return
        }
        #expect(Array(text.unicodeScalars) == Array("ch\u{E0}o".unicodeScalars))
    }

    @Test func numericSenderIDKeepsAllDigits() throws {
        let body = Self.wrap(
            #"{"sender":{"id":9123456789012345678},"recipient":{"id":"P"},"timestamp":5,"message":{"mid":"m","text":"a"}}"#
        )
        #expect(try MessengerWebhook.decode(body: body).events.first?.userID == "9123456789012345678")
    }

    @Test func imageWithTextKeepsCaption() throws {
        let body = Self.wrap(
            #"{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":5,"message":{"mid":"m","text":"Ổ gà","attachments":[{"type":"image","payload":{"url":"https://example.com/x.jpg"}}]}}"#
        )
        #expect(
            try MessengerWebhook.decode(body: body).events.first?.content
                == .image(url: "https://example.com/x.jpg", caption: "Ổ gà"))
    }

    @Test(arguments: ["reaction", "referral", "optin", "message_edit"])
    func unhandledItemsAreIgnored(kind: String) throws {
        let body = Self.wrap(#"{"sender":{"id":"U"},"recipient":{"id":"P"},"timestamp":5,"\#(kind)":{}}"#)
        #expect(try MessengerWebhook.decode(body: body) == MessengerWebhookBatch(ignored: [kind]))
    }

    @Test func entryWithoutMessagingIsEmpty() throws {
        let body = Array(#"{"object":"page","entry":[{"id":"P","time":1,"changes":[]}]}"#.utf8)
        #expect(try MessengerWebhook.decode(body: body) == MessengerWebhookBatch())
    }

    @Test(arguments: ["", "{", "[1]", "\"page\"", #"{"object":"page","entry":[}"#])
    func malformedJSONIsRejected(json: String) {
        #expect(Self.decodeError(Array(json.utf8))?.code == .malformedBody)
    }

    struct FieldCase: Sendable, CustomStringConvertible {
        var body: String
        var field: String
        var description: String { field }
    }

    static let fieldCases = [
        FieldCase(body: #"{"entry":[]}"#, field: "object"),
        FieldCase(body: #"{"object":"instagram","entry":[]}"#, field: "object"),
        FieldCase(body: #"{"object":"page"}"#, field: "entry"),
        FieldCase(body: #"{"object":"page","entry":[1]}"#, field: "entry[0]"),
        FieldCase(body: #"{"object":"page","entry":[{"messaging":{}}]}"#, field: "entry[0].messaging"),
        FieldCase(
            body: #"{"object":"page","entry":[{"messaging":[{"timestamp":1,"message":{"mid":"m","text":"a"}}]}]}"#,
            field: "entry[0].messaging[0].sender.id"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"message":{"mid":"m","text":"a"}}]}]}"#,
            field: "entry[0].messaging[0].timestamp"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":-1,"message":{"mid":"m","text":"a"}}]}]}"#,
            field: "entry[0].messaging[0].timestamp"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{},{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"text":"a"}}]}]}"#,
            field: "entry[1].messaging[0].message.mid"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m"}}]}]}"#,
            field: "entry[0].messaging[0].message.text"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m","quick_reply":{}}}]}]}"#,
            field: "entry[0].messaging[0].message.quick_reply.payload"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"postback":{"title":"t"}}]}]}"#,
            field: "entry[0].messaging[0].postback.payload"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m","attachments":[]}}]}]}"#,
            field: "entry[0].messaging[0].message.attachments"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m","attachments":[{"type":"image","payload":{}}]}}]}]}"#,
            field: "entry[0].messaging[0].message.attachments[0].payload.url"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m","attachments":[{"payload":{}}]}}]}]}"#,
            field: "entry[0].messaging[0].message.attachments[0].type"),
        FieldCase(
            body:
                #"{"object":"page","entry":[{"messaging":[{"sender":{"id":"U"},"timestamp":1,"message":{"mid":"m","attachments":[{"type":"location","payload":{"coordinates":{"lat":91,"long":1}}}]}}]}]}"#,
            field: "entry[0].messaging[0].message.attachments[0].payload.coordinates"),
    ]

    @Test(arguments: fieldCases)
    func errorNamesTheField(_ testCase: FieldCase) {
        let error = Self.decodeError(Array(testCase.body.utf8))
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains(testCase.field) == true, "message: \(error?.message ?? "none")")
    }
}
