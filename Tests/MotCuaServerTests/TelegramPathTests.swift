import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import Testing

@Suite(.serialized)
struct TelegramPathTests {
    static let chatID: Int64 = 700_000_001
    /// Longer than Telegram's 64-byte `callback_data`, so the button is sent hashed.
    static let longRelationValue = "nguoi-than-khac-trong-gia-dinh-duoc-cha-me-uy-quyen-di-dang-ky-khai-sinh"

    /// Creates a harness whose birth-registration flow has one option value too long for `callback_data`.
    static func harnessWithLongButtonValue() throws -> ServiceHarness {
        let harness = try ServiceHarness()
        let copy = harness.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: ServiceHarness.repositoryRoot.appendingPathComponent("templates"), to: copy)
        let file = copy.appendingPathComponent("flows/dang-ky-khai-sinh.yaml")
        let changed = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "{value: nguoi-khac,", with: "{value: \(longRelationValue),")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        harness.templatesFolder = copy.path
        return harness
    }

    @Test func birthRegistrationGetsReceiptCode() async throws {
        #expect(Self.longRelationValue.utf8.count > TelegramSender.maxCallbackDataBytes)
        let harness = try Self.harnessWithLongButtonValue()
        try harness.start()
        var updateID: Int64 = 1000

        func say(_ text: String) async throws -> [MockZaloAPI.ReceivedMessage] {
            updateID += 1
            let body = TelegramWebhookBuilder.textUpdate(
                text: text, chatID: Self.chatID, updateID: updateID, messageID: updateID, date: 1_772_000_000)
            return try await harness.exchange(on: .telegram) { try await harness.postTelegram(body) }
        }
        func press(_ data: String) async throws -> [MockZaloAPI.ReceivedMessage] {
            updateID += 1
            let body = TelegramWebhookBuilder.callbackUpdate(
                data: data, callbackQueryID: "query-\(updateID)", chatID: Self.chatID, updateID: updateID,
                messageID: updateID, date: 1_772_000_000)
            return try await harness.exchange(on: .telegram) { try await harness.postTelegram(body) }
        }
        func texts(_ messages: [MockZaloAPI.ReceivedMessage]) -> String {
            messages.map(\.text).joined(separator: "\n")
        }

        #expect(texts(try await say("khai sinh")).contains("Họ và tên của cháu"))
        #expect(texts(try await say("Nguyen Thi Mai")).contains("sinh ngày nào"))
        let genderQuestion = try await say("3/2/2026")
        #expect(texts(genderQuestion).contains("Giới tính"))
        #expect(genderQuestion.last?.buttons == ["nam", "nu"])
        #expect(texts(try await press("nu")).contains("mẹ cháu"))

        let relationQuestion = try await say("Tran Thi Bich")
        #expect(texts(relationQuestion).contains("là gì của cháu"))
        let hashed = try #require(relationQuestion.last?.buttons.last)
        #expect(hashed.hasPrefix(TelegramSender.hashedCallbackPrefix))
        #expect(texts(try await press(hashed)).contains("đồng ý cho số điện thoại"))

        #expect(texts(try await say("có")).contains("Số điện thoại"))
        #expect(texts(try await say("0912345678")).contains("1. Họ tên cháu: Nguyen Thi Mai"))
        let done = texts(try await say("có"))
        let code = try #require(done.firstMatch(of: /Mã hồ sơ: (KS-[A-Z0-9]+-[A-Z0-9])/)?.1)

        let messages = harness.mock.messages(on: .telegram)
        #expect(messages.allSatisfy { $0.recipient == String(Self.chatID) })
        #expect(messages.allSatisfy { $0.accessToken == ServiceHarness.telegramToken })
        #expect(Set(harness.mock.callbackAnswers) == ["query-1004", "query-1006"])
        harness.stop()

        let store = try SQLiteStore(path: harness.databasePath)
        let dossier = try #require(try store.dossier(receiptCode: String(code)))
        #expect(dossier.answers["gioi_tinh"] == "nu")
        #expect(dossier.answers["quan_he"] == Self.longRelationValue)
        #expect(dossier.answers["so_dien_thoai"] == "0912345678")
        store.close()
    }

    @Test func wrongSecretRejectedAndNotStored() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let body = TelegramWebhookBuilder.textUpdate(
            text: "xin chào", chatID: 700_000_002, updateID: 1, messageID: 1, date: 1_772_000_000)
        #expect(try await harness.postTelegram(body, secret: "WRONG_SECRET") == 401)
        #expect(try await harness.postTelegram(body, secret: nil) == 401)
        try await Task.sleep(for: .milliseconds(300))
        harness.stop()

        #expect(harness.mock.messages.isEmpty)
        let store = try SQLiteStore(path: harness.databasePath)
        #expect(try store.pendingInbound(limit: 10).isEmpty)
        #expect(try store.loadConversation(ConversationID(channel: .telegram, userID: "700000002")) == nil)
        store.close()
    }

    @Test func ignoredUpdateGets200WithoutReply() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let edited = Array(
            #"{"update_id":5,"edited_message":{"message_id":1,"chat":{"id":700000003,"type":"private"},"date":1,"text":"x"}}"#
                .utf8)
        #expect(try await harness.postTelegram(edited) == 200)
        #expect(try await harness.postTelegram(Array("not json".utf8)) == 400)
        try await Task.sleep(for: .milliseconds(300))
        #expect(harness.mock.messages.isEmpty)
    }
}
