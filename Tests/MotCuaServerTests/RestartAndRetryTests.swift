import Foundation
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import Testing

@Suite(.serialized)
struct RestartAndRetryTests {
    @Test func restartMidFlowContinues() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        #expect(try await harness.converse("khai sinh").contains("Họ và tên của cháu"))
        #expect(try await harness.converse("Nguyen Thi Mai").contains("sinh ngày nào"))
        harness.stop()

        try harness.start()
        #expect(try await harness.converse("3/2/2026").contains("Giới tính"))
        #expect(try await harness.converse("nữ").contains("mẹ cháu"))
        #expect(try await harness.converse("Tran Thi Bich").contains("là gì của cháu"))
        #expect(try await harness.converse("1").contains("đồng ý cho số điện thoại"))
        #expect(try await harness.converse("có").contains("Số điện thoại"))
        let summary = try await harness.converse("0912345678")
        #expect(summary.contains("1. Họ tên cháu: Nguyen Thi Mai"))
        let done = try await harness.converse("có")
        let code = try #require(done.firstMatch(of: /Mã hồ sơ: (KS-[A-Z0-9]+-[A-Z0-9])/)?.1)
        #expect(ReceiptCode.isValid(String(code)))
        harness.stop()

        let store = try SQLiteStore(path: harness.databasePath)
        let dossier = try #require(try store.dossier(receiptCode: String(code)))
        #expect(dossier.answers["ho_ten"] == "Nguyen Thi Mai")
        #expect(dossier.answers["ngay_sinh"] == "2026-02-03")
        #expect(dossier.answers["so_dien_thoai"] == "0912345678")
        store.close()
    }

    @Test func serverErrorThenSuccessDeliversOnce() async throws {
        let harness = try ServiceHarness()
        harness.mock.failNext([.httpStatus(503), .httpStatus(500)])
        try harness.start()
        try await harness.sendText("khai sinh")
        let messages = await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(500))
        #expect(harness.mock.messages.count == 2)
        #expect(messages.first?.text.contains("Đăng ký khai sinh") == true)
        #expect(harness.mock.requestCount == 4)
    }

    @Test func permanentFailureNotRetried() async throws {
        let harness = try ServiceHarness()
        harness.mock.failNext([.zaloError(-213)])
        try harness.start()
        try await harness.sendText("khai sinh")
        await harness.waitForMessages(1)
        try await Task.sleep(for: .milliseconds(500))
        // The first reply failed for good; the second still went out, in order.
        #expect(harness.mock.requestCount == 2)
        #expect(harness.mock.messages.count == 1)
        harness.stop()
        let store = try SQLiteStore(path: harness.databasePath)
        let entries = try store.outboxEntries(for: ConversationID(channel: .zalo, userID: "8000000000000000001"))
        #expect(entries.first?.status == .failed)
        #expect(entries.first?.attempts == 1)
        store.close()
    }
}

@Suite(.serialized)
struct FlowVersionServiceTests {
    @Test func changedFlowAppliesToNewConversationsOnly() async throws {
        let harness = try ServiceHarness()
        let copy = harness.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: ServiceHarness.repositoryRoot.appendingPathComponent("templates"), to: copy)
        harness.templatesFolder = copy.path
        try harness.start()
        #expect(try await harness.converse("khai sinh").contains("Họ và tên của cháu"))
        #expect(try await harness.converse("Nguyen Van An").contains("sinh ngày nào"))
        harness.stop()

        let file = copy.appendingPathComponent("flows/dang-ky-khai-sinh.yaml")
        let changed = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "Giới tính của cháu?", with: "Cháu là trai hay gái?")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        try harness.start()

        #expect(try await harness.converse("1/2/2026").contains("Giới tính của cháu?"))
        let other = "8000000000000000055"
        #expect(try await harness.converse("khai sinh", user: other).contains("Họ và tên"))
        #expect(try await harness.converse("Tran Van Binh", user: other).contains("sinh ngày nào"))
        #expect(try await harness.converse("1/2/2026", user: other).contains("Cháu là trai hay gái?"))
    }
}

@Suite(.serialized)
struct MessagingWindowTests {
    @Test func replyOutsideZaloWindowNotAttempted() async throws {
        let harness = try ServiceHarness()
        let citizen = ConversationID(channel: .zalo, userID: "8000000000000000066")
        let store = try SQLiteStore(path: harness.databasePath)
        let event = InboundEvent(
            channel: .zalo, eventID: "old-1", userID: citizen.userID, timestampMillis: 1, content: .text("khai sinh"))
        #expect(try store.insertInbound(event, receivedAt: Date().addingTimeInterval(-8 * 86_400)))
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
        #expect(entries.first?.lastError?.contains("outside the Zalo consultation window") == true)
        #expect(harness.mock.requestCount == 0)
    }
}
