import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import Testing

@Suite(.serialized)
struct MessengerPathTests {
    static let settings = ServiceHarness.messengerSettings

    @Test func birthRegistrationGetsReceiptCode() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let user = "24000000000000001"
        var sequence: Int64 = 0

        func post(_ signed: MessengerWebhookBuilder.SignedBody) async throws -> String {
            let messages = try await harness.exchange(on: .messenger) {
                try await harness.postMessenger(signed.body, signature: signed.signature)
            }
            return messages.map(\.text).joined(separator: "\n")
        }
        func envelope() -> MessengerWebhookBuilder.Envelope {
            sequence += 1
            return .init(senderID: user, timestampMillis: 1_772_000_000_000 + sequence)
        }
        func say(_ text: String) async throws -> String {
            try await post(
                MessengerWebhookBuilder.textEvent(
                    text: text, mid: "m_\(UUID().uuidString)", envelope: envelope(), settings: Self.settings))
        }

        #expect(try await say("khai sinh").contains("Họ và tên của cháu"))
        #expect(try await say("Nguyen Van Nam").contains("sinh ngày nào"))
        #expect(try await say("3/2/2026").contains("Giới tính"))
        #expect(harness.mock.messages(on: .messenger).last?.buttons == ["nam", "nu"])
        let quickReply = MessengerWebhookBuilder.quickReplyEvent(
            title: "Nam", payload: "nam", mid: "m_quick", envelope: envelope(), settings: Self.settings)
        #expect(try await post(quickReply).contains("mẹ cháu"))
        #expect(try await say("Le Thi Hoa").contains("là gì của cháu"))
        #expect(try await say("1").contains("đồng ý cho số điện thoại"))
        #expect(try await say("có").contains("Số điện thoại"))
        #expect(try await say("0987654321").contains("1. Họ tên cháu: Nguyen Van Nam"))
        let done = try await say("có")
        let code = try #require(done.firstMatch(of: /Mã hồ sơ: (KS-[A-Z0-9]+-[A-Z0-9])/)?.1)

        let messages = harness.mock.messages(on: .messenger)
        #expect(messages.allSatisfy { $0.recipient == user })
        #expect(messages.allSatisfy { $0.accessToken == Self.settings.pageToken })
        harness.stop()

        let store = try SQLiteStore(path: harness.databasePath)
        let dossier = try #require(try store.dossier(receiptCode: String(code)))
        #expect(dossier.answers["gioi_tinh"] == "nam")
        #expect(dossier.answers["quan_he"] == "cha-me")
        store.close()
    }

    @Test func wrongSignatureRejectedAndNotStored() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let signed = MessengerWebhookBuilder.textEvent(
            text: "xin chào", mid: "m_bad", envelope: .init(senderID: "24000000000000002", timestampMillis: 1),
            settings: Self.settings)
        let wrong = "sha256=" + String(repeating: "0", count: 64)
        #expect(try await harness.postMessenger(signed.body, signature: wrong) == 401)
        #expect(try await harness.postMessenger(signed.body, signature: nil) == 401)
        try await Task.sleep(for: .milliseconds(300))
        harness.stop()

        #expect(harness.mock.messages.isEmpty)
        let store = try SQLiteStore(path: harness.databasePath)
        #expect(try store.pendingInbound(limit: 10).isEmpty)
        store.close()
    }

    @Test(arguments: [
        ("hub.mode=subscribe&hub.verify_token=MESSENGER_VERIFY_TEST&hub.challenge=1158201444", 200),
        ("hub.mode=subscribe&hub.verify_token=WRONG&hub.challenge=1158201444", 403),
        ("hub.verify_token=MESSENGER_VERIFY_TEST&hub.challenge=1158201444", 403),
    ])
    func handshakeChecksVerifyToken(query: String, status: Int) async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let response = try await harness.get("/webhooks/messenger?\(query)")
        #expect(response.status == status)
        if status == 200 {
            #expect(String(decoding: response.body, as: UTF8.self) == "1158201444")
            #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
    }

    @Test func batchedEventsStoredAndAnswered() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let first = "24000000000000003"
        let second = "24000000000000004"
        func item(_ sender: String, _ mid: String) -> String {
            #"{"sender":{"id":"\#(sender)"},"recipient":{"id":"PAGE_ID"},"timestamp":1772000000000,"#
                + #""message":{"mid":"\#(mid)","text":"xin chào"}}"#
        }
        let json =
            #"{"object":"page","entry":[{"id":"PAGE_ID","time":1772000000000,"messaging":["#
            + item(first, "m_batch_1") + "," + item(second, "m_batch_2") + "]}]}"
        let body = Array(json.utf8)
        let signature = MessengerWebhook.signatureHeaderValue(body: body, settings: Self.settings)
        #expect(try await harness.postMessenger(body, signature: signature) == 200)

        // Each citizen gets the greeting and the menu.
        let messages = await harness.waitForMessages(4, on: .messenger)
        #expect(messages.count == 4)
        #expect(messages.filter { $0.recipient == first }.count == 2)
        #expect(messages.filter { $0.recipient == second }.count == 2)
    }

    @Test func replyOutsideWindowNotAttempted() async throws {
        let harness = try ServiceHarness()
        let citizen = ConversationID(channel: .messenger, userID: "24000000000000005")
        let store = try SQLiteStore(path: harness.databasePath)
        let event = InboundEvent(
            channel: .messenger, eventID: "m_old", userID: citizen.userID, timestampMillis: 1,
            content: .text("khai sinh"))
        #expect(try store.insertInbound(event, receivedAt: Date().addingTimeInterval(-25 * 3_600)))
        store.close()

        try harness.start()
        let deadline = Date().addingTimeInterval(30)
        var entries: [OutboxEntry] = []
        while Date() < deadline {
            let reader = try SQLiteStore(path: harness.databasePath)
            entries = try reader.outboxEntries(for: citizen)
            reader.close()
            if !entries.isEmpty, entries.allSatisfy({ $0.status == .failed }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.status == .failed })
        #expect(entries.first?.lastError?.contains("outside the Messenger messaging window") == true)
        #expect(harness.mock.requestCount == 0)
    }

    @Test func disabledChannelsGet404() async throws {
        let harness = try ServiceHarness()
        harness.enablesTelegramAndMessenger = false
        try harness.start()
        let signed = MessengerWebhookBuilder.textEvent(
            text: "xin chào", mid: "m_off", envelope: .init(senderID: "24000000000000006", timestampMillis: 1),
            settings: Self.settings)
        #expect(try await harness.postMessenger(signed.body, signature: signed.signature) == 404)
        let update = TelegramWebhookBuilder.textUpdate(
            text: "xin chào", chatID: 700_000_006, updateID: 1, messageID: 1, date: 1_772_000_000)
        #expect(try await harness.postTelegram(update) == 404)
    }
}
