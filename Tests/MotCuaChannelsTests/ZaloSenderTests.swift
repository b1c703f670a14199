import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

struct ZaloSenderTests {
    static func jsonObject(_ body: [UInt8]) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    static func sentText(_ request: OutboundHTTPRequest) throws -> String? {
        let message = try jsonObject(request.body)["message"] as? [String: Any]
        return message?["text"] as? String
    }

    @Test func textRequestShape() throws {
        var settings = testSettings
        settings.apiBase = "http://127.0.0.1:8080/"

        let requests = ZaloSender.requests(
            for: OutboundMessage(text: "Xin chào \"bạn\""), to: "5800000000000000001", settings: settings)
        let request = try #require(requests.first)

        #expect(requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:8080/v3.0/oa/message/cs")
        #expect(request.headers == ["access_token": "ACCESS_TOKEN_TEST", "Content-Type": "application/json"])

        let object = try Self.jsonObject(request.body)
        let recipient = object["recipient"] as? [String: Any]
        #expect(recipient?["user_id"] as? String == "5800000000000000001")
        #expect(try Self.sentText(request) == "Xin chào \"bạn\"")
    }

    @Test func buttonsBecomeNumberedList() throws {
        let message = OutboundMessage(
            text: "Giới tính của anh/chị?",
            buttons: [ReplyButton(title: "Nam", value: "male"), ReplyButton(title: "Nữ", value: "female")])
        let requests = ZaloSender.requests(for: message, to: "u1", settings: testSettings)

        #expect(requests.count == 1)
        #expect(try Self.sentText(requests[0]) == "Giới tính của anh/chị?\n\n1. Nam\n2. Nữ")
    }

    @Test func listAlreadyInTextIsNotRepeated() throws {
        let message = OutboundMessage(
            text: "Chọn:\n1. Nam\n2. Nữ",
            buttons: [ReplyButton(title: "Nam", value: "male"), ReplyButton(title: "Nữ", value: "female")])
        let requests = ZaloSender.requests(for: message, to: "u1", settings: testSettings)

        #expect(try Self.sentText(requests[0]) == "Chọn:\n1. Nam\n2. Nữ")
    }

    @Test func emptyMessageHasNoRequest() {
        #expect(ZaloSender.requests(for: OutboundMessage(text: ""), to: "u1", settings: testSettings).isEmpty)
    }

    @Test func textIsSentAsNFC() throws {
        let requests = ZaloSender.requests(for: OutboundMessage(text: "cha\u{300}o"), to: "u1", settings: testSettings)
        let text = try #require(try Self.sentText(requests[0]))
        #expect(Array(text.unicodeScalars) == Array("ch\u{E0}o".unicodeScalars))
    }

    @Test func longTextIsSplitInOrder() throws {
        let words = (1...700).map { "từ\($0)" }
        let text = words.joined(separator: " ")
        #expect(text.count > ZaloSender.maxTextCharacters * 2)

        let requests = ZaloSender.requests(for: OutboundMessage(text: text), to: "u1", settings: testSettings)
        let parts = try requests.map { try #require(try Self.sentText($0)) }

        #expect(parts.count == 3)
        for part in parts {
            #expect(part.count <= ZaloSender.maxTextCharacters)
        }
        #expect(parts.joined(separator: " ") == text)
    }
}
