import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

@testable import MotCuaServer

/// The admin API over loopback against the real service, with the citizen's side seen through the
/// mock Zalo API.
struct AdminAPITests {
    static let adminToken = "admin-token-0123456789"
    static let officerToken = "officer-token-0123456789"
    static let viewerToken = "viewer-token-0123456789"
    static let citizen = ConversationID(channel: .zalo, userID: "8000000000000000001")

    /// A harness whose database contains one dossier and one report of `citizen`, filed before start.
    static func startedHarness() throws -> ServiceHarness {
        let harness = try ServiceHarness()
        harness.adminTokens = "admin:\(adminToken), officer:\(officerToken),viewer:\(viewerToken)"

        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        let event = InboundEvent(
            channel: .zalo, eventID: "seed", userID: citizen.userID, timestampMillis: 1, content: .text("seed"))
        _ = try store.insertInbound(event, receivedAt: Date())
        let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)
        try store.commitProcessing(
            ProcessingCommit(
                eventSequence: sequence,
                conversation: try EventProcessor.record(ConversationState(), id: citizen, now: Date()), replies: [],
                dossiers: [
                    Dossier(
                        receiptCode: "KS-7HM4QX-R", flowID: "dang-ky-khai-sinh", flowVersion: "1",
                        conversationID: citizen, answers: ["ho_ten": "Nguyễn Văn An"],
                        createdAt: Date(timeIntervalSince1970: 1_767_225_600))
                ],
                reports: [
                    FieldReport(
                        ticket: "PA-7HM4QX-R", category: "giao-thong", description: "Ổ gà", conversationID: citizen,
                        createdAt: Date(timeIntervalSince1970: 1_767_225_600))
                ],
                now: Date()))

        try harness.start()
        return harness
    }

    @Test(
        arguments: [
            (nil, "GET", "/api/dossiers", 401),
            ("wrong-token-0123456789", "GET", "/api/dossiers", 401),
            (viewerToken, "GET", "/api/dossiers", 200),
            (viewerToken, "PATCH", "/api/dossiers/KS-7HM4QX-R", 403),
            (viewerToken, "POST", "/api/conversations/zalo/1/release", 403),
            (officerToken, "DELETE", "/api/dossiers/KS-7HM4QX-R", 405),
            (officerToken, "GET", "/api/dossiers/KS-AAAAAA-A", 404),
            (officerToken, "GET", "/api/nothing", 404),
            (officerToken, "GET", "/api/dossiers?status=finished", 400),
            (officerToken, "GET", "/api/dossiers?limit=0", 400),
            (officerToken, "POST", "/api/conversations/zalo/8000000000000000001/messages", 400),
        ] as [(String?, String, String, Int)])
    func requestGetsStatus(token: String?, method: String, path: String, status: Int) async throws {
        let harness = try Self.startedHarness()
        let (received, json) = try await harness.admin(method, path, token: token, body: method == "GET" ? nil : "{}")
        #expect(received == status)
        if status >= 400 {
            #expect((json["error"] as? String)?.isEmpty == false)
            // Officials read these messages, so they are Vietnamese, which always has non-ASCII letters.
            let message = json["message"] as? String ?? ""
            #expect(message.contains { !$0.isASCII }, "message is not Vietnamese: \(message)")
        }
    }

    @Test func wrongTokenMessageNamesFix() async throws {
        let harness = try Self.startedHarness()
        let (status, json) = try await harness.admin("GET", "/api/dossiers", token: "wrong-token-0123456789")
        #expect(status == 401)
        let message = json["message"] as? String ?? ""
        #expect(message.contains("token không hợp lệ"))
        #expect(message.contains("MOTCUA_ADMIN_TOKENS"))
        #expect(!message.contains("wrong-token"))
    }

    @Test func badTokenIsNotLogged() async throws {
        let harness = try Self.startedHarness()
        _ = try await harness.admin("GET", "/api/dossiers", token: "wrong-token-0123456789")
        #expect(harness.logs.recorded.contains { $0.contains("admin request unauthorized") })
        #expect(!harness.logs.recorded.contains { $0.contains("wrong-token") })
    }

    @Test func dossierListedAndRead() async throws {
        let harness = try Self.startedHarness()

        let (listStatus, list) = try await harness.admin(
            "GET", "/api/dossiers?status=received", token: Self.viewerToken)
        #expect(listStatus == 200)
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == ["KS-7HM4QX-R"])
        #expect(items.first?["created_at"] as? String == "2026-01-01T00:00:00Z")
        #expect(items.first?["status_label"] as? String == "Đã tiếp nhận")

        // The code in the path is read as forgivingly as a citizen's lookup.
        let (readStatus, dossier) = try await harness.admin("GET", "/api/dossiers/ks7hm4qxr", token: Self.viewerToken)
        #expect(readStatus == 200)
        #expect((dossier["answers"] as? [String: String])?["ho_ten"] == "Nguyễn Văn An")
    }

    @Test func dossierUpdateNotifiesCitizen() async throws {
        let harness = try Self.startedHarness()

        let (status, dossier) = try await harness.admin(
            "PATCH", "/api/dossiers/KS-7HM4QX-R", token: Self.officerToken,
            body: #"{"status": "needs_info", "note": "Thiếu bản sao giấy chứng sinh"}"#)

        #expect(status == 200)
        #expect(dossier["status"] as? String == "needs_info")
        let history = try #require(dossier["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history.first?["role"] as? String == "officer")
        let messages = await harness.waitForMessages(1)
        #expect(messages.first?.recipient == Self.citizen.userID)
        #expect(
            messages.first?.text
                == "Hồ sơ KS-7HM4QX-R của bác: Cần bổ sung giấy tờ. Ghi chú: Thiếu bản sao giấy chứng sinh")
        #expect(!harness.logs.recorded.contains { $0.contains("Thiếu bản sao") })
        #expect(
            harness.logs.recorded.contains { $0.contains("admin status changed") && $0.contains("admin.role=officer") })
    }

    @Test(arguments: [
        (#"{"note": "x"}"#, "status"),
        (#"{"status": "finished"}"#, "status"),
        (#"{"status": "done", "notes": "x"}"#, "notes"),
        (#"{"status": "done", "note": 5}"#, "note"),
        ("not json", "JSON"),
    ])
    func invalidUpdateNamesField(body: String, field: String) async throws {
        let harness = try Self.startedHarness()
        let (status, json) = try await harness.admin(
            "PATCH", "/api/dossiers/KS-7HM4QX-R", token: Self.adminToken, body: body)
        #expect(status == 400)
        #expect((json["error"] as? String)?.contains(field) == true)
    }

    @Test func reportUpdateNotifiesCitizen() async throws {
        let harness = try Self.startedHarness()

        let (status, report) = try await harness.admin(
            "PATCH", "/api/reports/PA-7HM4QX-R", token: Self.adminToken, body: #"{"status": "done"}"#)

        #expect(status == 200)
        #expect(report["status_label"] as? String == "Đã có kết quả")
        let messages = await harness.waitForMessages(1)
        #expect(messages.first?.text == "Phản ánh PA-7HM4QX-R của bác: Đã có kết quả.")
        let (_, list) = try await harness.admin("GET", "/api/reports?status=done", token: Self.viewerToken)
        #expect((list["items"] as? [[String: Any]])?.count == 1)
    }

    @Test func handoffMessageAndRelease() async throws {
        let harness = try Self.startedHarness()
        let user = "8000000000000000002"
        let path = "/api/conversations/zalo/\(user)"

        let (early, _) = try await harness.admin(
            "POST", "\(path)/messages", token: Self.officerToken, body: #"{"text": "Chào bác"}"#)
        #expect(early == 404)

        _ = try await harness.converse("gặp cán bộ", user: user)
        let (listStatus, list) = try await harness.admin(
            "GET", "/api/conversations?handoff=true", token: Self.viewerToken)
        #expect(listStatus == 200)
        #expect((list["items"] as? [[String: Any]])?.compactMap { $0["user_id"] as? String } == [user])

        let before = harness.mock.messages.count
        let (sent, _) = try await harness.admin(
            "POST", "\(path)/messages", token: Self.officerToken, body: #"{"text": "Chào bác, tôi là cán bộ xã."}"#)
        #expect(sent == 202)
        let afterMessage = await harness.waitForMessages(before + 1)
        #expect(afterMessage.last?.text == "Chào bác, tôi là cán bộ xã.")
        #expect(!harness.logs.recorded.contains { $0.contains("cán bộ xã") })

        let (released, _) = try await harness.admin("POST", "\(path)/release", token: Self.officerToken)
        #expect(released == 200)
        let afterRelease = await harness.waitForMessages(before + 2)
        #expect(afterRelease[before + 1].text.contains("Cán bộ đã kết thúc hỗ trợ"))

        let (again, _) = try await harness.admin("POST", "\(path)/release", token: Self.officerToken)
        #expect(again == 409)
        let (late, _) = try await harness.admin(
            "POST", "\(path)/messages", token: Self.officerToken, body: #"{"text": "Còn gì nữa không?"}"#)
        #expect(late == 409)
        let (_, emptyList) = try await harness.admin("GET", "/api/conversations", token: Self.viewerToken)
        #expect((emptyList["items"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func adminAPIDisabledWithoutTokens() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let (status, json) = try await harness.admin("GET", "/api/dossiers", token: Self.adminToken)
        #expect(status == 404)
        #expect((json["error"] as? String)?.contains("MOTCUA_ADMIN_TOKENS") == true)
    }

    @Test(arguments: [
        "admin", "boss:0123456789abcdefgh", "officer:short", "admin:0123456789abcdef,viewer:0123456789abcdef",
    ])
    func invalidTokenSettingRejected(value: String) {
        var configuration = Configuration()
        configuration.adminTokens = value
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        do {
            try configuration.validate()
        } catch {
            #expect(!"\(error)".contains("0123456789abcdef"))
        }
    }
}
