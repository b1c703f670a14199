import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

struct MessengerSenderTests {
    static func requests(_ message: OutboundMessage) -> [OutboundHTTPRequest] {
        MessengerSender.requests(for: message, recipientID: "PSID_TEST_1", settings: messengerTestSettings)
    }

    static func json(_ request: OutboundHTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    static func quickReplies(_ request: OutboundHTTPRequest) throws -> [[String: Any]]? {
        let message = try #require(try json(request)["message"] as? [String: Any])
        return message["quick_replies"] as? [[String: Any]]
    }

    @Test func textRequestHasExactShape() throws {
        let requests = Self.requests(OutboundMessage(text: "Xin chào"))
        let request = try #require(requests.first)

        #expect(requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:9/v21.0/me/messages?access_token=PAGE_TOKEN_TEST")
        #expect(request.headers == ["Content-Type": "application/json"])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"recipient":{"id":"PSID_TEST_1"},"messaging_type":"RESPONSE","message":{"text":"Xin chào"}}"#)
    }

    @Test func trailingSlashAndVersionAreApplied() throws {
        var settings = messengerTestSettings
        settings.apiBase = "http://127.0.0.1:9/"
        settings.apiVersion = "v19.0"
        let request = try #require(
            MessengerSender.requests(for: OutboundMessage(text: "a"), recipientID: "U", settings: settings).first)
        #expect(request.url == "http://127.0.0.1:9/v19.0/me/messages?access_token=PAGE_TOKEN_TEST")
    }

    @Test func emptyMessageYieldsNoRequest() {
        #expect(Self.requests(OutboundMessage(text: "")).isEmpty)
    }

    @Test func longTextIsSplitAtLimitBetweenWords() throws {
        let words = (1...700).map { "thủ-tục\($0)" }
        let text = words.joined(separator: " ")
        let buttons = [ReplyButton(title: "Có", value: "yes")]

        let requests = Self.requests(OutboundMessage(text: text, buttons: buttons))
        let parts = try requests.map { request in
            try #require((try Self.json(request)["message"] as? [String: Any])?["text"] as? String)
        }

        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.count <= MessengerSender.maxTextCharacters })
        #expect(parts.flatMap { $0.split(separator: " ").map(String.init) } == words)
        #expect(try Self.quickReplies(requests[0]) == nil)
        #expect(try Self.quickReplies(requests[requests.count - 1])?.count == 1)
    }

    @Test func thirteenButtonsBecomeQuickReplies() throws {
        let buttons = (1...13).map { ReplyButton(title: "Mục \($0)", value: "item_\($0)") }
        let request = try #require(Self.requests(OutboundMessage(text: "Chọn mục", buttons: buttons)).first)
        let replies = try #require(try Self.quickReplies(request))

        #expect(replies.count == 13)
        #expect(replies.first?["content_type"] as? String == "text")
        #expect(replies.first?["title"] as? String == "Mục 1")
        #expect(replies.last?["payload"] as? String == "item_13")
        #expect((try Self.json(request)["message"] as? [String: Any])?["text"] as? String == "Chọn mục")
    }

    @Test func fourteenButtonsBecomeNumberedText() throws {
        let buttons = (1...14).map { ReplyButton(title: "Mục \($0)", value: "item_\($0)") }
        let request = try #require(Self.requests(OutboundMessage(text: "Chọn mục", buttons: buttons)).first)
        let text = try #require((try Self.json(request)["message"] as? [String: Any])?["text"] as? String)

        #expect(try Self.quickReplies(request) == nil)
        #expect(text.hasPrefix("Chọn mục\n\n1. Mục 1\n2. Mục 2\n"))
        #expect(text.hasSuffix("\n14. Mục 14"))
    }

    @Test func overlongPayloadBecomesNumberedText() throws {
        let buttons = [
            ReplyButton(title: "Ngắn", value: "a"),
            ReplyButton(
                title: "Dài", value: String(repeating: "x", count: MessengerSender.maxQuickReplyPayloadCharacters + 1)),
        ]
        let request = try #require(Self.requests(OutboundMessage(text: "Chọn", buttons: buttons)).first)
        #expect(try Self.quickReplies(request) == nil)
    }

    @Test func buttonsWithoutTextStillSendText() throws {
        let buttons = [ReplyButton(title: "Có", value: "yes"), ReplyButton(title: "Không", value: "no")]
        let request = try #require(Self.requests(OutboundMessage(text: "", buttons: buttons)).first)
        let text = (try Self.json(request)["message"] as? [String: Any])?["text"] as? String

        #expect(text == "1. Có\n2. Không")
        #expect(try Self.quickReplies(request)?.count == 2)
    }

    @Test(arguments: [
        ("Có", "Có"),
        ("Đúng hai mươi ký tự!", "Đúng hai mươi ký tự!"),
        ("Tra cứu hồ sơ đã nộp trực tuyến", "Tra cứu hồ sơ đã…"),
        ("Thutuchanhchinhcong1234", "Thutuchanhchinhcong…"),
        ("Phản ánh hiện trường ngay", "Phản ánh hiện…"),
    ])
    func quickReplyTitleIsShortened(title: String, expected: String) {
        let shortened = MessengerSender.quickReplyTitle(title)
        #expect(shortened == expected)
        #expect(shortened.count <= MessengerSender.maxQuickReplyTitleCharacters)
    }

    @Test func quickReplyTitleInBodyIsShortened() throws {
        let buttons = [ReplyButton(title: "Tra cứu hồ sơ đã nộp trực tuyến", value: "tra_cuu")]
        let request = try #require(Self.requests(OutboundMessage(text: "Chọn", buttons: buttons)).first)
        #expect(try Self.quickReplies(request)?.first?["title"] as? String == "Tra cứu hồ sơ đã…")
    }
}
