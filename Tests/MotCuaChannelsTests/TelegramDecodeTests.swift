import MotCuaChannels
import MotCuaCore
import Testing

struct TelegramDecodeTests {
    static func decodeError(_ json: String) -> ChannelError? {
        channelError { _ = try TelegramWebhook.decode(body: Array(json.utf8)) }
    }

    static func decodedEvent(_ body: [UInt8]) throws -> InboundEvent? {
        guard case .event(let event, _) = try TelegramWebhook.decode(body: body) else { return nil }
        return event
    }

    @Test func builderUpdatesRoundTrip() throws {
        let chat: Int64 = 7_000_000_001
        let updates: [([UInt8], TelegramWebhookDecision)] = [
            (
                TelegramWebhookBuilder.textUpdate(
                    text: "Dòng 1\n\"trích\" \\", chatID: chat, updateID: 1, messageID: 1, date: 1_718_000_000),
                .event(
                    InboundEvent(
                        channel: .telegram, eventID: "update:1", userID: "7000000001",
                        timestampMillis: 1_718_000_000_000, content: .text("Dòng 1\n\"trích\" \\")),
                    callbackQueryID: nil)
            ),
            (
                TelegramWebhookBuilder.photoUpdate(
                    fileIDs: ["S", "M", "L"], caption: "Ảnh", chatID: chat, updateID: 2, messageID: 2, date: 2),
                .event(
                    InboundEvent(
                        channel: .telegram, eventID: "update:2", userID: "7000000001", timestampMillis: 2000,
                        content: .image(url: "telegram-file:L", caption: "Ảnh")),
                    callbackQueryID: nil)
            ),
            (
                TelegramWebhookBuilder.locationUpdate(
                    latitude: 11.31, longitude: 106.09, chatID: chat, updateID: 3, messageID: 3, date: 3),
                .event(
                    InboundEvent(
                        channel: .telegram, eventID: "update:3", userID: "7000000001", timestampMillis: 3000,
                        content: .location(latitude: 11.31, longitude: 106.09)),
                    callbackQueryID: nil)
            ),
            (
                TelegramWebhookBuilder.callbackUpdate(
                    data: "nam", callbackQueryID: "CBQ_1", chatID: chat, updateID: 4, messageID: 4, date: 4),
                .event(
                    InboundEvent(
                        channel: .telegram, eventID: "update:4", userID: "7000000001", timestampMillis: 4000,
                        content: .button("nam")),
                    callbackQueryID: "CBQ_1")
            ),
        ]

        for (body, expected) in updates {
            #expect(try TelegramWebhook.decode(body: body) == expected)
        }
    }

    @Test func textIsNormalizedToNFC() throws {
        let body = TelegramWebhookBuilder.textUpdate(
            text: "Xin cha\u{300}o", chatID: 1, updateID: 1, messageID: 1, date: 1)
        guard case .text(let text) = try Self.decodedEvent(body)?.content else {
            Issue.record("expected text content")
            return
        }
        // String equality ignores normalization, so the scalars are compared.
        #expect(Array(text.unicodeScalars) == Array("Xin ch\u{E0}o".unicodeScalars))
    }

    @Test func largeChatIDKeepsAllDigits() throws {
        let body = TelegramWebhookBuilder.textUpdate(
            text: "a", chatID: 9_007_199_254_740_993, updateID: 1, messageID: 1, date: 1)
        #expect(try Self.decodedEvent(body)?.userID == "9007199254740993")
    }

    @Test func callbackTimeComesFromCaller() throws {
        let body = TelegramWebhookBuilder.callbackUpdate(
            data: "x", callbackQueryID: "Q", chatID: 1, updateID: 1, messageID: 1, date: 1_718_000_000)
        let decision = try TelegramWebhook.decode(body: body, receivedAtMillis: 1_718_000_005_123)

        guard case .event(let event, let queryID) = decision else {
            Issue.record("expected an event, got \(decision)")
            return
        }
        #expect(event.timestampMillis == 1_718_000_005_123)
        #expect(queryID == "Q")
    }

    @Test func callbackWithoutDataIsIgnoredButAnswerable() throws {
        let json =
            #"{"update_id":5,"callback_query":{"id":"Q9","from":{"id":1},"chat_instance":"c","game_short_name":"g"}}"#
        let decision = try TelegramWebhook.decode(body: Array(json.utf8))

        #expect(decision == .ignored(reason: "callback query without data", callbackQueryID: "Q9"))
        #expect(decision.callbackQueryID == "Q9")
    }

    @Test func inlineCallbackUsesSenderID() throws {
        let json = #"{"update_id":6,"callback_query":{"id":"Q","from":{"id":42},"inline_message_id":"I","data":"d"}}"#
        let event = try Self.decodedEvent(Array(json.utf8))
        #expect(event?.userID == "42")
        #expect(event?.timestampMillis == 0)
    }

    @Test func myChatMemberOtherStatusIsIgnored() throws {
        let json =
            #"{"update_id":7,"my_chat_member":{"chat":{"id":1,"type":"private"},"date":1,"new_chat_member":{"status":"restricted"}}}"#
        #expect(
            try TelegramWebhook.decode(body: Array(json.utf8))
                == .ignored(reason: "my_chat_member status restricted", callbackQueryID: nil))
    }

    @Test func messageWithoutKnownContentIsUnsupported() throws {
        let json =
            #"{"update_id":8,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"new_field":{}}}"#
        #expect(try Self.decodedEvent(Array(json.utf8))?.content == .unsupported(kind: "unknown"))
    }

    struct MalformedCase: Sendable, CustomStringConvertible {
        var json: String
        var field: String
        var description: String { field }
    }

    static let malformedCases = [
        MalformedCase(json: "[1]", field: "JSON object"),
        MalformedCase(json: #"{"message":{}}"#, field: "update_id"),
        MalformedCase(json: #"{"update_id":"x1","message":{}}"#, field: "update_id"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"date":1,"chat":{"type":"private"},"text":"a"}}"#,
            field: "message.chat.id"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"date":1,"chat":{"id":1.5,"type":"private"},"text":"a"}}"#,
            field: "message.chat.id"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"chat":{"id":1,"type":"private"},"text":"a"}}"#, field: "message.date"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"date":1,"chat":{"id":1,"type":"private"},"photo":[]}}"#,
            field: "message.photo[0]"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"date":1,"chat":{"id":1,"type":"private"},"photo":[{"width":1}]}}"#,
            field: "message.photo[0].file_id"),
        MalformedCase(
            json: #"{"update_id":1,"message":{"date":1,"chat":{"id":1,"type":"private"},"location":{"latitude":1}}}"#,
            field: "message.location.longitude"),
        MalformedCase(
            json:
                #"{"update_id":1,"message":{"date":1,"chat":{"id":1,"type":"private"},"location":{"latitude":91,"longitude":1}}}"#,
            field: "message.location.latitude"),
        MalformedCase(
            json:
                #"{"update_id":1,"message":{"date":1,"chat":{"id":1,"type":"private"},"contact":{"first_name":"A"}}}"#,
            field: "message.contact.phone_number"),
        MalformedCase(
            json: #"{"update_id":1,"callback_query":{"from":{"id":1},"data":"d"}}"#, field: "callback_query.id"),
        MalformedCase(
            json: #"{"update_id":1,"my_chat_member":{"chat":{"id":1,"type":"private"},"date":1}}"#,
            field: "my_chat_member.new_chat_member.status"),
        MalformedCase(json: #"{"update_id":1,"message":"text"}"#, field: "message"),
    ]

    @Test(arguments: malformedCases)
    func malformedUpdateNamesField(_ malformed: MalformedCase) {
        let error = Self.decodeError(malformed.json)
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains(malformed.field) == true, "message: \(String(describing: error?.message))")
    }

    @Test func errorOmitsMessageText() {
        let error = Self.decodeError(
            #"{"update_id":1,"message":{"date":1,"chat":{"type":"private"},"text":"Số căn cước 001099000000"}}"#)
        #expect(error?.code == .malformedBody)
        #expect(error?.message.contains("001099000000") == false)
    }
}
