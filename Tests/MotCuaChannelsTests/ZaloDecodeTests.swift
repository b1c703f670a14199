import MotCuaChannels
import MotCuaCore
import Testing

struct ZaloDecodeTests {
    static func decodedEvent(_ json: String) throws -> InboundEvent? {
        guard case .events(let events) = try ZaloWebhook.decode(body: Array(json.utf8)) else { return nil }
        #expect(events.count == 1)
        return events.first
    }

    static func decodeError(_ json: String) -> ChannelError? {
        channelError { _ = try ZaloWebhook.decode(body: Array(json.utf8)) }
    }

    @Test func textIsNormalizedToNFC() throws {
        // "Xin chào" with the grave accent as a combining mark (U+0300).
        let decomposed = "Xin cha\u{300}o"
        let signed = ZaloWebhookBuilder.textEvent(
            text: decomposed, userID: "5800000000000000001", msgID: "m1", timestampMillis: 1_718_000_000_000,
            settings: testSettings)

        let event = try Self.decodedEvent(String(decoding: signed.body, as: UTF8.self))
        guard case .text(let text) = event?.content else {
            Issue.record("expected text content, got \(String(describing: event?.content))")
            return
        }
        // String equality ignores normalization, so the scalars are compared.
        #expect(Array(text.unicodeScalars) == Array("Xin ch\u{E0}o".unicodeScalars))
    }

    @Test func builderEventsRoundTrip() throws {
        let user = "5800000000000000009"
        let text = ZaloWebhookBuilder.textEvent(
            text: "Dòng 1\n\"trích\" \\ \u{1}", userID: user, msgID: "m-text", timestampMillis: 1,
            settings: testSettings)
        let image = ZaloWebhookBuilder.imageEvent(
            url: "https://example.com/a.jpg", caption: "Ảnh", userID: user, msgID: "m-image", timestampMillis: 2,
            settings: testSettings)
        let location = ZaloWebhookBuilder.locationEvent(
            latitude: 11.31, longitude: 106.09, userID: user, msgID: "m-location", timestampMillis: 3,
            settings: testSettings)
        let follow = ZaloWebhookBuilder.followEvent(userID: user, timestampMillis: 4, settings: testSettings)

        let expected: [InboundEvent] = [
            InboundEvent(
                channel: .zalo, eventID: "m-text", userID: user, timestampMillis: 1,
                content: .text("Dòng 1\n\"trích\" \\ \u{1}")),
            InboundEvent(
                channel: .zalo, eventID: "m-image", userID: user, timestampMillis: 2,
                content: .image(url: "https://example.com/a.jpg", caption: "Ảnh")),
            InboundEvent(
                channel: .zalo, eventID: "m-location", userID: user, timestampMillis: 3,
                content: .location(latitude: 11.31, longitude: 106.09)),
            InboundEvent(
                channel: .zalo, eventID: "follow:\(user):4", userID: user, timestampMillis: 4, content: .follow),
        ]

        for (signed, event) in zip([text, image, location, follow], expected) {
            try ZaloWebhook.verify(body: signed.body, signatureHeader: signed.signature, settings: testSettings)
            #expect(try ZaloWebhook.decode(body: signed.body) == .events([event]))
        }
    }

    @Test func imageWithoutCaptionHasNilCaption() throws {
        let signed = ZaloWebhookBuilder.imageEvent(
            url: "https://example.com/b.jpg", caption: nil, userID: "u1", msgID: "m1", timestampMillis: 5,
            settings: testSettings)
        let event = try Self.decodedEvent(String(decoding: signed.body, as: UTF8.self))
        #expect(event?.content == .image(url: "https://example.com/b.jpg", caption: nil))
    }

    @Test func numericSenderIDKeepsAllDigits() throws {
        let event = try Self.decodedEvent(
            #"{"event_name":"user_send_text","timestamp":"1","sender":{"id":9123456789012345678},"message":{"msg_id":"m","text":"a"}}"#
        )
        #expect(event?.userID == "9123456789012345678")
    }

    @Test func missingMsgIDFallsBackToNameUserAndTime() throws {
        let event = try Self.decodedEvent(
            #"{"event_name":"user_send_text","timestamp":"1718000000001","sender":{"id":"u7"},"message":{"text":"a"}}"#)
        #expect(event?.eventID == "user_send_text:u7:1718000000001")
    }

    @Test func submitInfoOlderFlatShape() throws {
        let event = try Self.decodedEvent(
            #"{"event_name":"user_submit_info","timestamp":"1","sender":{"id":"u1"},"info":{"name":"A","address":"Số 1","city":"Tây Ninh","district":"","ward":"Phường 1","phone":84900000000,"extra":null}}"#
        )
        #expect(
            event?.content
                == .submittedInfo([
                    "name": "A", "address": "Số 1", "city": "Tây Ninh", "ward": "Phường 1", "phone": "84900000000",
                ]))
    }

    @Test(arguments: [
        ("user_send_video", "video"), ("user_send_gif", "gif"), ("user_send_link", "link"),
        ("user_send_business_card", "business_card"), ("user_send_audio", "audio"),
    ])
    func unsupportedKinds(eventName: String, kind: String) throws {
        let event = try Self.decodedEvent(
            #"{"event_name":"\#(eventName)","timestamp":"1","sender":{"id":"u1"},"message":{"msg_id":"m"}}"#)
        #expect(event?.content == .unsupported(kind: kind))
    }

    @Test(arguments: ["oa_send_image", "oa_send_list", "user_seen_message", "anonymous_send_text", "add_user_to_tag"])
    func unhandledEventsAreIgnored(eventName: String) throws {
        let decision = try ZaloWebhook.decode(body: Array(#"{"event_name":"\#(eventName)"}"#.utf8))
        #expect(decision == .ignored(eventName: eventName))
    }

    @Test(arguments: ["", "{", "[1,2]", "\"text\"", "{\"event_name\":\"user_send_text\",}"])
    func malformedJSONIsRejected(json: String) {
        #expect(Self.decodeError(json)?.code == .malformedBody)
    }

    struct MissingFieldCase: Sendable, CustomStringConvertible {
        var json: String
        var field: String
        var description: String { field }
    }

    static let missingFieldCases = [
        MissingFieldCase(json: #"{"timestamp":"1"}"#, field: "event_name"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_text","timestamp":"1","message":{"msg_id":"m","text":"a"}}"#,
            field: "sender.id"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_text","timestamp":"1","sender":{},"message":{"text":"a"}}"#,
            field: "sender.id"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_text","sender":{"id":"u"},"message":{"text":"a"}}"#, field: "timestamp"),
        MissingFieldCase(
            json:
                #"{"event_name":"user_send_text","timestamp":"yesterday","sender":{"id":"u"},"message":{"text":"a"}}"#,
            field: "timestamp"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_text","timestamp":"1","sender":{"id":"u"},"message":{"msg_id":"m"}}"#,
            field: "message.text"),
        MissingFieldCase(json: #"{"event_name":"follow","timestamp":"1","oa_id":"o"}"#, field: "follower.id"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_image","timestamp":"1","sender":{"id":"u"},"message":{"msg_id":"m"}}"#,
            field: "message.attachments"),
        MissingFieldCase(
            json:
                #"{"event_name":"user_send_image","timestamp":"1","sender":{"id":"u"},"message":{"attachments":[{"type":"image","payload":{}}]}}"#,
            field: "message.attachments[0].payload.url"),
        MissingFieldCase(
            json: #"{"event_name":"user_send_location","timestamp":"1","sender":{"id":"u"},"message":{"msg_id":"m"}}"#,
            field: "coordinates"),
        MissingFieldCase(
            json:
                #"{"event_name":"user_send_location","timestamp":"1","sender":{"id":"u"},"message":{"location":{"latitude":"abc","longitude":"1"}}}"#,
            field: "message.location.latitude"),
        MissingFieldCase(
            json:
                #"{"event_name":"user_send_location","timestamp":"1","sender":{"id":"u"},"message":{"location":{"latitude":91,"longitude":1}}}"#,
            field: "message.location.latitude"),
        MissingFieldCase(
            json: #"{"event_name":"user_submit_info","timestamp":"1","sender":{"id":"u"}}"#, field: "info"),
    ]

    @Test(arguments: missingFieldCases)
    func missingFieldIsNamed(_ testCase: MissingFieldCase) {
        let error = Self.decodeError(testCase.json)
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains(testCase.field) == true, "message: \(error?.message ?? "none")")
    }

    @Test func errorMessageOmitsMessageText() {
        let error = Self.decodeError(
            #"{"event_name":"user_send_text","timestamp":"1","message":{"text":"Số căn cước 001234567890"}}"#)
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains("001234567890") == false)
    }
}
