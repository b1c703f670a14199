import Foundation
import MotCuaCore
import MotCuaServer
import MotCuaStorage
import Testing

/// The broadcast endpoints of the admin API over loopback, against a running service.
@Suite(.serialized)
struct AdminBroadcastTests {
    static let first = "officer-one-token-000001"
    static let second = "officer-two-token-000002"
    static let boss = "admin-token-00000000003"
    static let reader = "viewer-token-0000000004"

    static func harness(subscribers: [Subscription]) throws -> ServiceHarness {
        let harness = try ServiceHarness()
        harness.adminTokens = "officer:\(first),officer:\(second),admin:\(boss),viewer:\(reader)"
        try harness.start()
        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        try store.importSubscriptions(subscribers)
        return harness
    }

    static func subscriber(_ channel: ChannelKind, _ userID: String, commune: String = "Xã Bình Hòa") -> Subscription {
        Subscription(
            conversationID: ConversationID(channel: channel, userID: userID), commune: commune, topics: ["y-te"],
            createdAt: Date())
    }

    @Test func secondOfficialApprovesAndItIsSent() async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "555")])
        let created = try await harness.admin(
            "POST", "/api/broadcasts", token: Self.first, body: #"{"text":"{xa}: tiêm chủng","audience":"all"}"#)
        #expect(created.status == 202)
        #expect(created.json["state"] as? String == "awaiting_approval")
        let id = try #require(created.json["id"] as? Int)

        let own = try await harness.admin("POST", "/api/broadcasts/\(id)/approve", token: Self.first)
        #expect(own.status == 403)
        #expect((own.json["message"] as? String)?.contains("người tạo không được tự duyệt") == true)
        #expect(harness.mock.messages.isEmpty)

        let approved = try await harness.admin("POST", "/api/broadcasts/\(id)/approve", token: Self.second)
        #expect(approved.status == 200)
        #expect(approved.json["approved_by"] as? String != created.json["created_by"] as? String)

        let messages = await harness.waitForMessages(1, on: .telegram, timeout: 10)
        #expect(messages.map(\.text) == ["Xã Bình Hòa: tiêm chủng"])
        var status: [String: Any] = [:]
        for _ in 0..<100 {
            status = try await harness.admin("GET", "/api/broadcasts/\(id)", token: Self.reader).json
            if status["state"] as? String == "completed" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status["state"] as? String == "completed")
        #expect((status["counts"] as? [String: Int])?["sent"] == 1)

        let list = try await harness.admin("GET", "/api/broadcasts", token: Self.reader)
        #expect((list.json["items"] as? [[String: Any]])?.count == 1)
    }

    @Test func rolesAreEnforced() async throws {
        let harness = try Self.harness(subscribers: [])
        let viewer = try await harness.admin("POST", "/api/broadcasts", token: Self.reader, body: #"{"text":"a"}"#)
        #expect(viewer.status == 403)
        #expect((viewer.json["message"] as? String)?.contains("vai trò viewer") == true)

        let emergency = #"{"text":"Lũ","emergency":true}"#
        let officer = try await harness.admin("POST", "/api/broadcasts", token: Self.first, body: emergency)
        #expect(officer.status == 403)
        #expect((officer.json["message"] as? String)?.contains("emergency") == true)
        let admin = try await harness.admin("POST", "/api/broadcasts", token: Self.boss, body: emergency)
        #expect(admin.status == 202)
        #expect(admin.json["emergency"] as? Bool == true)
    }

    @Test(arguments: [
        (#"{"audience":"all"}"#, "thiếu trường 'text'"),
        (#"{"text":"Chào {ten}"}"#, "'{ten}'"),
        (#"{"text":"a","audience":{"topics":["bong-da"]}}"#, "chủ đề 'bong-da' không tồn tại"),
        (#"{"text":"a","audience":{"channels":["sms"]}}"#, "kênh 'sms' không tồn tại"),
        (#"{"text":"a","scheduled_at":"mai"}"#, "'scheduled_at': 'mai' không hợp lệ"),
        (#"{"text":"a","link_title":"Xem"}"#, "'link_title' và 'link_url'"),
        (#"{"text":"a","image_url":"anh.jpg"}"#, "không phải địa chỉ web"),
    ])
    func invalidBodyNamesValue(body: String, fragment: String) async throws {
        let harness = try Self.harness(subscribers: [])
        let response = try await harness.admin("POST", "/api/broadcasts", token: Self.first, body: body)
        #expect(response.status == 400)
        let message = response.json["message"] as? String ?? ""
        #expect(message.contains(fragment), "message: \(message)")
    }

    @Test func dryRunCountsWithoutCreating() async throws {
        let harness = try Self.harness(subscribers: [
            Self.subscriber(.telegram, "1"), Self.subscriber(.zalo, "2"), Self.subscriber(.messenger, "3"),
            Self.subscriber(.telegram, "4", commune: "An Phú"),
        ])
        let response = try await harness.admin(
            "POST", "/api/broadcasts", token: Self.first,
            body: #"{"text":"a","audience":{"communes":["Bình Hòa"]},"dry_run":true}"#)
        #expect(response.status == 200)
        #expect(response.json["total"] as? Int == 3)
        let channels = response.json["channels"] as? [String: [String: Any]] ?? [:]
        #expect(channels["telegram"]?["now"] as? Int == 1)
        #expect(channels["zalo"]?["later"] as? Int == 1)
        #expect((channels["zalo"]?["reasons"] as? [String: Int])?["outside_zalo_window"] == 1)
        #expect(channels["messenger"]?["later"] as? Int == 1)

        let list = try await harness.admin("GET", "/api/broadcasts", token: Self.first)
        #expect((list.json["items"] as? [[String: Any]])?.isEmpty == true)
    }

    /// Subscriptions store the directory's full name; officials may type it without the unit word.
    @Test(arguments: ["Bình Hòa", "xa binh hoa", "Xã Bình Hòa"])
    func communeWithoutUnitWordReachesSubscribers(typed: String) async throws {
        let harness = try Self.harness(subscribers: [
            Self.subscriber(.telegram, "1", commune: "Xã Bình Hòa"),
            Self.subscriber(.telegram, "2", commune: "Xã Bình Hiệp"),
        ])
        let dryRun = try await harness.admin(
            "POST", "/api/broadcasts", token: Self.first,
            body: #"{"text":"a","audience":{"communes":["\#(typed)"]},"dry_run":true}"#)
        #expect(dryRun.status == 200)
        #expect(dryRun.json["total"] as? Int == 1)

        let created = try await harness.admin(
            "POST", "/api/broadcasts", token: Self.first, body: #"{"text":"a","audience":{"communes":["\#(typed)"]}}"#)
        #expect(created.status == 202)
        #expect((created.json["audience"] as? [String: Any])?["communes"] as? [String] == ["Xã Bình Hòa"])
        #expect(created.json["audience_size"] as? Int == 1)
    }

    @Test(arguments: [true, false])
    func unknownCommuneIsRejected(dryRun: Bool) async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "1", commune: "Xã Bình Hòa")])
        let response = try await harness.admin(
            "POST", "/api/broadcasts", token: Self.first,
            body: #"{"text":"a","audience":{"communes":["Bình Phú"]},"dry_run":\#(dryRun)}"#)
        #expect(response.status == 400)
        let message = response.json["message"] as? String ?? ""
        #expect(message.contains("'Bình Phú'"))
        #expect(message.contains("Xã Bình Hòa"))
        let list = try await harness.admin("GET", "/api/broadcasts", token: Self.first)
        #expect((list.json["items"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func cancelBeforeApproval() async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "1")])
        let created = try await harness.admin("POST", "/api/broadcasts", token: Self.first, body: #"{"text":"a"}"#)
        let id = try #require(created.json["id"] as? Int)
        let cancelled = try await harness.admin("POST", "/api/broadcasts/\(id)/cancel", token: Self.first)
        #expect(cancelled.json["state"] as? String == "cancelled")
        let again = try await harness.admin("POST", "/api/broadcasts/\(id)/approve", token: Self.second)
        #expect(again.status == 409)
        let missing = try await harness.admin("GET", "/api/broadcasts/999", token: Self.first)
        #expect(missing.status == 404)
        #expect((missing.json["message"] as? String)?.contains("không có thông báo số 999") == true)
    }

    @Test func cliCreatesApprovesAndFollows() async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "777")])
        let server = harness.baseURL
        let create = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--channels", "telegram"],
            environment: ["MOTCUA_SERVER": server, "MOTCUA_TOKEN": Self.first])
        #expect(create.status == 0)
        #expect(create.output.contains("Thông báo số 1: chờ duyệt"))

        let tokenFile = harness.folder.appendingPathComponent("token.txt")
        try Self.second.write(to: tokenFile, atomically: true, encoding: .utf8)
        let approve = try ServeProcessTests.run(
            ["broadcast", "approve", "1", "--server", server, "--token-file", tokenFile.path])
        #expect(approve.status == 0)
        #expect(approve.output.contains("Người duyệt"))

        let follow = try ServeProcessTests.run(
            ["broadcast", "status", "1", "--follow", "--interval", "0.2"],
            environment: ["MOTCUA_SERVER": server, "MOTCUA_TOKEN": Self.first])
        #expect(follow.status == 0)
        #expect(follow.output.contains("100% 1/1"))
        #expect(follow.output.contains("đã gửi xong"))
        #expect(harness.mock.messages(on: .telegram).map(\.text) == ["Xã Bình Hòa: họp dân"])

        let lateApprove = try ServeProcessTests.run(
            ["broadcast", "approve", "1"], environment: ["MOTCUA_SERVER": server, "MOTCUA_TOKEN": Self.first])
        #expect(lateApprove.status == 2)
        #expect(lateApprove.errors.contains("HTTP 409"))

        let noToken = try ServeProcessTests.run(["broadcast", "list"], environment: ["MOTCUA_SERVER": server])
        #expect(noToken.status == 2)
        #expect(noToken.errors.contains("MOTCUA_TOKEN"))

        let help = try ServeProcessTests.run(["broadcast", "status", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--follow"))
    }

    @Test func cliUnreachableServerNamesFix() throws {
        // Port 1 on loopback has no listener, so the connection is refused at once.
        let run = try ServeProcessTests.run(
            ["broadcast", "list"], environment: ["MOTCUA_SERVER": "http://127.0.0.1:1", "MOTCUA_TOKEN": Self.first])
        #expect(run.status == 1)
        #expect(run.errors.contains("http://127.0.0.1:1"))
        #expect(run.errors.contains("MOTCUA_SERVER"))
        #expect(run.errors.contains("motcua serve"))
        #expect(!run.errors.contains("HTTPError"))
        #expect(!run.errors.contains("Couldn't"))
    }

    @Test func cliMessagesUseVietnameseStatesAndCommands() async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "1")])
        let environment = ["MOTCUA_SERVER": harness.baseURL, "MOTCUA_TOKEN": Self.first]
        let create = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân"], environment: environment)
        #expect(create.status == 0)
        _ = try ServeProcessTests.run(["broadcast", "cancel", "1"], environment: environment)

        let again = try ServeProcessTests.run(["broadcast", "cancel", "1"], environment: environment)
        #expect(again.status == 2)
        #expect(again.errors.contains("'đã hủy'"))
        #expect(!again.errors.contains("cancelled"))

        let missing = try ServeProcessTests.run(["broadcast", "status", "99"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.errors.contains("motcua broadcast list"))
    }

    @Test func cliQuietHoursDryRunShowsLocalTime() async throws {
        let harness = try ServiceHarness()
        harness.adminTokens = "officer:\(Self.first)"
        // Quiet hours from an hour ago until two hours from now, in Vietnam's time zone.
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: Date())
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let end = (minute + 120) % 1_440
        harness.broadcast.quietHours = QuietHours(
            startMinute: (minute + 1_380) % 1_440, endMinute: end, timeZone: zone)
        try harness.start()
        let store = try SQLiteStore(path: harness.databasePath)
        try store.importSubscriptions([Self.subscriber(.telegram, "1")])
        store.close()

        let run = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--dry-run"],
            environment: ["MOTCUA_SERVER": harness.baseURL, "MOTCUA_TOKEN": Self.first])
        #expect(run.status == 0)
        let expected = String(format: "bắt đầu gửi lúc %02d:%02d ngày ", end / 60, end % 60)
        #expect(run.output.contains(expected))
        #expect(run.output.contains("(giờ Việt Nam)"))
        #expect(!run.output.contains("Z\n"))
        #expect(run.output.contains("gửi khi hết giờ yên lặng 1"))
        #expect(!run.output.contains("gửi ngay"))
    }

    @Test func cliRejectsUnknownCommuneAndWarnsOnEmptyAudience() async throws {
        let harness = try Self.harness(subscribers: [Self.subscriber(.telegram, "1", commune: "Xã Bình Hòa")])
        let environment = ["MOTCUA_SERVER": harness.baseURL, "MOTCUA_TOKEN": Self.first]

        let unknown = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--communes", "Bình Phú", "--dry-run"],
            environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("'Bình Phú'"))
        #expect(unknown.errors.contains("Xã Bình Hòa"))

        let reached = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--communes", "Bình Hòa", "--dry-run"],
            environment: environment)
        #expect(reached.status == 0)
        #expect(reached.output.contains("1 người đăng ký"))
        #expect(!reached.output.contains("Cảnh báo"))

        let empty = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--communes", "Tân Ninh", "--dry-run"],
            environment: environment)
        #expect(empty.status == 0)
        #expect(empty.output.contains("Cảnh báo: không có người đăng ký nào"))

        let created = try ServeProcessTests.run(
            ["broadcast", "create", "--text", "{xa}: họp dân", "--communes", "Tân Ninh"], environment: environment)
        #expect(created.status == 0)
        #expect(created.output.contains("Cảnh báo: không có người đăng ký nào"))
    }
}
