import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import Testing

@Suite(.serialized)
struct WebhookPathTests {
    @Test func signedTextGetsMenuReply() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let status = try await harness.sendText("xin chào")
        #expect(status == 200)

        let messages = await harness.waitForMessages(2)
        #expect(messages.count == 2)
        #expect(messages.first?.recipient == "8000000000000000001")
        #expect(messages.first?.accessToken == "TOKEN_TEST")
        #expect(messages.first?.text.contains("Xin chào") == true)
        #expect(messages.last?.text.contains("1. Làm giấy tờ") == true)
    }

    @Test func wrongSignatureRejectedAndNotStored() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let signed = ZaloWebhookBuilder.textEvent(
            text: "xin chào", userID: "8000000000000000002", msgID: "bad-1", timestampMillis: 1_772_000_000_000,
            settings: ServiceHarness.settings)
        let wrong = "mac=" + String(repeating: "0", count: 64)
        #expect(try await harness.post(signed.body, signature: wrong) == 401)
        #expect(try await harness.post(signed.body, signature: nil) == 401)
        try await Task.sleep(for: .milliseconds(300))
        harness.stop()

        #expect(harness.mock.messages.isEmpty)
        let store = try SQLiteStore(path: harness.databasePath)
        #expect(try store.pendingInbound(limit: 10).isEmpty)
        #expect(try store.loadConversation(ConversationID(channel: .zalo, userID: "8000000000000000002")) == nil)
        store.close()
    }

    @Test func malformedJSONGets400() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let truncated = Array(#"{"event_name":"user_send_text","timestamp":"1","#.utf8)
        let anySignature = "mac=" + String(repeating: "a", count: 64)
        #expect(try await harness.post(truncated, signature: anySignature) == 400)

        // Signed correctly, but not an event: no event name, no sender.
        let incomplete = Array(#"{"app_id":"APP_ID_TEST","timestamp":"1772000000000"}"#.utf8)
        let signature = try ZaloWebhook.signatureHeaderValue(body: incomplete, settings: ServiceHarness.settings)
        #expect(try await harness.post(incomplete, signature: signature) == 400)
    }

    @Test func oversizedBodyGets413() async throws {
        let harness = try ServiceHarness()
        try harness.start(maxBodyBytes: 4096)
        let signed = ZaloWebhookBuilder.textEvent(
            text: String(repeating: "a", count: 5000), userID: "8000000000000000003", msgID: "big-1",
            timestampMillis: 1_772_000_000_000, settings: ServiceHarness.settings)
        #expect(try await harness.post(signed.body, signature: signed.signature) == 413)
    }

    @Test func duplicateDeliveryProcessedOnce() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        #expect(try await harness.sendText("khai sinh", msgID: "same-msg") == 200)
        #expect(try await harness.sendText("khai sinh", msgID: "same-msg") == 200)
        await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(500))
        // The flow's introduction and its first question, once.
        #expect(harness.mock.messages.count == 2)
    }

    @Test func unsignedEmptyProbeAccepted() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        #expect(try await harness.post(Array("{}".utf8), signature: nil) == 200)
        #expect(try await harness.post([], signature: nil) == 200)
    }

    @Test func ignoredEventGets200WithoutReply() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let url = ServiceHarness.repositoryRoot.appendingPathComponent("fixtures/webhooks/zalo")
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.contains("oa_send_text") }
        let file = try #require(files.first)
        let body = try [UInt8](Data(contentsOf: url.appendingPathComponent(file)))
        let signature = try ZaloWebhook.signatureHeaderValue(body: body, settings: ServiceHarness.settings)
        #expect(try await harness.post(body, signature: signature) == 200)
        try await Task.sleep(for: .milliseconds(300))
        #expect(harness.mock.messages.isEmpty)
    }
}
