import Foundation
import MotCuaCore
import Testing

@testable import MotCuaServer

/// Reading a conversation's messages through the admin API, over loopback against the real service.
struct AdminTranscriptTests {
    static let user = "8000000000000000003"
    static let path = "/api/conversations/zalo/\(user)/messages"

    /// Returns the items of one transcript page, or fails the test when the request is not a 200.
    static func items(_ harness: ServiceHarness, query: String = "", token: String = AdminAPITests.officerToken)
        async throws -> (items: [[String: Any]], nextBefore: String?)
    {
        let (status, json) = try await harness.admin("GET", path + query, token: token)
        #expect(status == 200)
        let items = try #require(json["items"] as? [[String: Any]])
        return (items, json["next_before"] as? String)
    }

    @Test func officialReadsCitizenMessagesInHandoff() async throws {
        let harness = try AdminAPITests.startedHarness()
        _ = try await harness.converse("xin chào", user: Self.user)
        _ = try await harness.converse("gặp cán bộ", user: Self.user)
        // In handoff the bot sends no reply to free text, so the test does not wait for one.
        try await harness.sendText("cho tôi hỏi", user: Self.user)

        let (items, nextBefore) = try await Self.items(harness)

        #expect(nextBefore == nil)
        let last = try #require(items.last)
        #expect(last["direction"] as? String == "in")
        #expect(last["kind"] as? String == "text")
        #expect(last["text"] as? String == "cho tôi hỏi")
        #expect((last["id"] as? String)?.hasPrefix("in-") == true)
        #expect((last["at"] as? String)?.hasSuffix("Z") == true)
        #expect(last["status"] == nil)
        #expect(items.first?["text"] as? String == "xin chào")
        #expect(items.first?["direction"] as? String == "in")
        let replies = items.filter { $0["direction"] as? String == "out" }
        #expect(!replies.isEmpty)
        #expect(replies.allSatisfy { ["pending", "delivered", "failed"].contains($0["status"] as? String ?? "") })

        #expect(!harness.logs.recorded.contains { $0.contains("cho tôi hỏi") })
        #expect(
            harness.logs.recorded.contains {
                $0.contains("admin transcript read") && $0.contains("admin.role=officer")
            })
    }

    @Test func officialMessageAppearsAsOutbound() async throws {
        let harness = try AdminAPITests.startedHarness()
        _ = try await harness.converse("gặp cán bộ", user: Self.user)

        let (sent, _) = try await harness.admin(
            "POST", Self.path, token: AdminAPITests.officerToken, body: #"{"text": "Chào bác, tôi là cán bộ xã."}"#)
        #expect(sent == 202)

        let (items, _) = try await Self.items(harness, token: AdminAPITests.viewerToken)
        let last = try #require(items.last)
        #expect(last["direction"] as? String == "out")
        #expect(last["text"] as? String == "Chào bác, tôi là cán bộ xã.")
        #expect((last["id"] as? String)?.hasPrefix("out-") == true)
        #expect(["pending", "delivered"].contains(last["status"] as? String ?? ""))
    }

    @Test func pagesJoinToWholeTranscript() async throws {
        let harness = try AdminAPITests.startedHarness()
        _ = try await harness.converse("xin chào", user: Self.user)
        _ = try await harness.converse("gặp cán bộ", user: Self.user)
        for text in ["một", "hai", "ba"] {
            try await harness.sendText(text, user: Self.user)
        }
        let whole = try await Self.items(harness).items.compactMap { $0["id"] as? String }
        #expect(whole.count >= 5)

        var paged: [String] = []
        var before: String?
        for _ in 0..<whole.count {
            let query = "?limit=2" + (before.map { "&before=\($0)" } ?? "")
            let page = try await Self.items(harness, query: query)
            #expect(page.items.count <= 2)
            paged = page.items.compactMap { $0["id"] as? String } + paged
            before = page.nextBefore
            if before == nil { break }
        }

        #expect(paged == whole)
        #expect(before == nil)
    }

    @Test func deletedMessagesAreNotShown() async throws {
        let harness = try AdminAPITests.startedHarness()
        _ = try await harness.converse("Tôi tên Trần Thị Bình, số 0912345678", user: Self.user)
        _ = try await harness.converse("xóa dữ liệu của tôi", user: Self.user)
        _ = try await harness.converse("có", user: Self.user)

        let (items, _) = try await Self.items(harness)

        let texts = items.compactMap { $0["text"] as? String }
        #expect(!texts.isEmpty)
        #expect(!texts.contains { $0.contains("Trần Thị Bình") })
        #expect(!texts.contains("xóa dữ liệu của tôi"))
    }

    @Test(
        arguments: [
            (nil, "GET", path, 401),
            (AdminAPITests.viewerToken, "GET", path, 200),
            (AdminAPITests.adminToken, "GET", path, 200),
            (AdminAPITests.viewerToken, "POST", path, 403),
            (AdminAPITests.officerToken, "DELETE", path, 405),
            (AdminAPITests.officerToken, "GET", "/api/conversations/zalo/8000000000000000999/messages", 404),
            (AdminAPITests.officerToken, "GET", "/api/conversations/fax/\(user)/messages", 404),
            (AdminAPITests.officerToken, "GET", "/api/conversations/zalo/\(user)/release", 405),
        ] as [(String?, String, String, Int)])
    func transcriptRequestGetsStatus(token: String?, method: String, path: String, status: Int) async throws {
        let harness = try AdminAPITests.startedHarness()
        try await harness.sendText("xin chào", user: Self.user)

        let (received, json) = try await harness.admin(method, path, token: token, body: method == "GET" ? nil : "{}")

        #expect(received == status)
        if status >= 400 {
            #expect((json["error"] as? String)?.isEmpty == false)
        }
    }

    @Test(arguments: [
        ("?limit=0", "limit"), ("?limit=501", "limit"), ("?limit=abc", "limit"), ("?before=abc", "before"),
        ("?before=in-0", "before"), ("?before=in-999999", "before"),
    ])
    func invalidQueryNamesParameter(query: String, parameter: String) async throws {
        let harness = try AdminAPITests.startedHarness()
        try await harness.sendText("xin chào", user: Self.user)

        let (status, json) = try await harness.admin("GET", Self.path + query, token: AdminAPITests.viewerToken)

        #expect(status == 400)
        #expect((json["error"] as? String)?.contains("'\(parameter)'") == true)
    }
}
