import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

struct TelegramSenderTests {
    static func jsonObject(_ request: OutboundHTTPRequest) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func textRequestShape() throws {
        var settings = telegramTestSettings
        settings.apiBase = "http://127.0.0.1:8081/"

        let requests = TelegramSender.requests(
            for: OutboundMessage(text: "Xin chào \"bạn\""), chatID: "5123456789", settings: settings)
        let request = try #require(requests.first)

        #expect(requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:8081/bot123456:BOT_TOKEN_TEST/sendMessage")
        #expect(request.headers == ["Content-Type": "application/json"])
        #expect(
            String(decoding: request.body, as: UTF8.self) == #"{"chat_id":5123456789,"text":"Xin chào \"bạn\""}"#)
    }

    @Test func nonNumericChatIDIsString() throws {
        let requests = TelegramSender.requests(
            for: OutboundMessage(text: "a"), chatID: "@motcua_test", settings: telegramTestSettings)
        #expect(try Self.jsonObject(requests[0])["chat_id"] as? String == "@motcua_test")
    }

    @Test func buttonsBecomeInlineKeyboard() throws {
        let longValue = "Đăng ký thường trú cho con dưới 14 tuổi tại phường Tân Ninh"
        let message = OutboundMessage(
            text: "Anh/chị muốn làm thủ tục nào?",
            buttons: [
                ReplyButton(title: "Khai sinh", value: "khai-sinh"), ReplyButton(title: "Thường trú", value: longValue),
            ])

        let requests = TelegramSender.requests(for: message, chatID: "1", settings: telegramTestSettings)
        let object = try Self.jsonObject(try #require(requests.first))
        let markup = try #require(object["reply_markup"] as? [String: Any])
        let rows = try #require(markup["inline_keyboard"] as? [[[String: String]]])

        #expect(requests.count == 1)
        #expect(object["text"] as? String == "Anh/chị muốn làm thủ tục nào?")
        #expect(object["parse_mode"] == nil)
        #expect(rows.count == 2)
        #expect(rows[0] == [["text": "1. Khai sinh", "callback_data": "khai-sinh"]])
        #expect(rows[1][0]["text"] == "2. Thường trú")
        #expect(rows[1][0]["callback_data"] == TelegramSender.callbackValue(for: longValue))
        #expect(rows.allSatisfy { ($0[0]["callback_data"]?.utf8.count ?? 0) <= 64 })
    }

    @Test func emptyTextWithButtonsListsTitles() throws {
        let message = OutboundMessage(
            text: "", buttons: [ReplyButton(title: "Nam", value: "nam"), ReplyButton(title: "Nữ", value: "nu")])
        let requests = TelegramSender.requests(for: message, chatID: "1", settings: telegramTestSettings)
        #expect(try Self.jsonObject(requests[0])["text"] as? String == "1. Nam\n2. Nữ")
    }

    @Test func emptyMessageHasNoRequest() {
        #expect(
            TelegramSender.requests(for: OutboundMessage(text: ""), chatID: "1", settings: telegramTestSettings).isEmpty
        )
    }

    @Test func longTextSplitsWithKeyboardOnLastPart() throws {
        let text = (1...1500).map { "thủ tục \($0)" }.joined(separator: " ")
        let message = OutboundMessage(text: text, buttons: [ReplyButton(title: "Xong", value: "xong")])

        let requests = TelegramSender.requests(for: message, chatID: "1", settings: telegramTestSettings)
        let objects = try requests.map(Self.jsonObject)
        let parts = objects.compactMap { $0["text"] as? String }

        #expect(requests.count == 5)
        #expect(parts.count == requests.count)
        #expect(parts.allSatisfy { $0.utf16.count <= TelegramSender.maxTextUTF16Units })
        #expect(parts.joined(separator: " ") == text)
        #expect(objects.dropLast().allSatisfy { $0["reply_markup"] == nil })
        #expect(objects.last?["reply_markup"] != nil)
    }

    @Test func markdownV2EscapesReservedCharacters() throws {
        var settings = telegramTestSettings
        settings.parseMode = .markdownV2
        let text = "Đơn hàng #A-102 (giao nhanh) đã xác nhận. Tổng: 150.000đ - cảm ơn bạn!"

        let requests = TelegramSender.requests(for: OutboundMessage(text: text), chatID: "1", settings: settings)
        let object = try Self.jsonObject(requests[0])

        #expect(object["parse_mode"] as? String == "MarkdownV2")
        #expect(
            object["text"] as? String
                == ##"Đơn hàng \#A\-102 \(giao nhanh\) đã xác nhận\. Tổng: 150\.000đ \- cảm ơn bạn\!"##)
    }

    @Test(arguments: [
        ("Nguyễn_Văn *A*", #"Nguyễn\_Văn \*A\*"#),
        (#"a\b [x](y) ~z~ `c` > | {e} = +"#, #"a\\b \[x\]\(y\) \~z\~ \`c\` \> \| \{e\} \= \+"#),
        ("Không có gì", "Không có gì"),
    ])
    func markdownV2EscapeVectors(input: String, expected: String) {
        #expect(TelegramMarkdownV2.escaped(input) == expected)
    }

    @Test func answerCallbackQueryShape() throws {
        let request = TelegramSender.answerCallbackQuery(id: "4382000000000000001", settings: telegramTestSettings)

        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:9/bot123456:BOT_TOKEN_TEST/answerCallbackQuery")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"callback_query_id":"4382000000000000001"}"#)
    }

    @Test func answerCallbackQueryTextIsCut() throws {
        let request = TelegramSender.answerCallbackQuery(
            id: "Q", text: String(repeating: "ả", count: 250), settings: telegramTestSettings)
        let text = try #require(try Self.jsonObject(request)["text"] as? String)
        #expect(text.count == TelegramSender.maxCallbackAnswerCharacters)
    }
}
