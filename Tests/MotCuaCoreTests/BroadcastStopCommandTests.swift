import Foundation
import MotCuaCore
import Testing

struct BroadcastStopCommandTests {
    /// Each phrase starts the flow that stops announcements, even in the middle of another form.
    @Test(arguments: ["dừng", "Dừng", "stop", "huy nhan tin", "hủy nhận tin", "ngừng nhận tin", "dừng nhận tin"])
    func phraseStartsStopFlow(phrase: String) throws {
        var harness = try EngineHarness()
        harness.say("khai sinh")
        let replies = harness.say(phrase).joined(separator: "\n")
        #expect(replies.contains("ngừng nhận thông báo"), "replies: \(replies)")
        #expect(harness.state.flowID == "huy-nhan-tin")
    }

    @Test func confirmedStopRequestsUnsubscribe() throws {
        var harness = try EngineHarness()
        harness.say("stop")
        let replies = harness.say("có").joined(separator: "\n")
        #expect(harness.actions.map(\.name) == ["unsubscribe"])
        #expect(replies.contains("Đã ngừng gửi thông báo"))
    }

    /// "dung" without diacritics is how many citizens type "đúng" (yes), so it stays an answer.
    @Test func dungWithoutDiacriticsAnswers() throws {
        var harness = try EngineHarness()
        harness.say("stop")
        let replies = harness.say("dung").joined(separator: "\n")
        #expect(harness.actions.map(\.name) == ["unsubscribe"])
        #expect(replies.contains("Đã ngừng gửi thông báo"))
    }

    /// A citizen who types a stop phrase again while the confirmation is open means yes.
    @Test(arguments: ["ngừng nhận tin", "hủy nhận tin", "stop", "dừng"])
    func stopPhraseAgainConfirms(phrase: String) throws {
        var harness = try EngineHarness()
        harness.say("ngừng nhận tin")
        let replies = harness.say(phrase).joined(separator: "\n")
        #expect(harness.actions.map(\.name) == ["unsubscribe"])
        #expect(replies.contains("Đã ngừng gửi thông báo"), "replies: \(replies)")
        #expect(!replies.contains("làm dở"), "replies: \(replies)")
    }

    @Test func dungLaiStillCancels() throws {
        var harness = try EngineHarness()
        harness.say("khai sinh")
        harness.say("dừng lại")
        #expect(harness.state.flowID != "huy-nhan-tin")
    }
}
