import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

struct EngineDraftTests {
    @Test func returningCitizenAskedToContinue() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.now += 2 * 3600
        let question = bot.say("5/3/2025").joined()
        #expect(question.contains("đang làm dở thủ tục \"Đăng ký khai sinh\""))
        #expect(bot.state.slots["ngay_sinh"] == nil)

        #expect(bot.say("1").joined().contains("sinh ngày nào"))
        #expect(bot.state.slots["ho_ten"]?.value == "Nguyen Van An")
        #expect(bot.say("5/3/2025").joined().contains("Giới tính"))
    }

    @Test func returningCitizenStartsOver() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.now += 3 * 86_400
        bot.say("xin chào")
        #expect(bot.say("làm lại").joined().contains("Họ và tên của cháu"))
        #expect(bot.state.slots.isEmpty)
    }

    @Test func unclearResumeAnswerAsksAgain() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.now += 3600
        bot.say("hả")
        #expect(bot.say("gì vậy").joined().contains("làm tiếp hay làm lại"))
        #expect(bot.state.askingResume)
    }

    @Test func commandAfterPauseRunsDirectly() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.now += 3600
        bot.say("menu")
        #expect(bot.state.flowID == "menu")
        #expect(!bot.state.askingResume)
    }

    @Test func expiredDraftDropped() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.now += 31 * 86_400
        let replies = bot.say("1/2/2026").joined()
        #expect(replies.contains("quá hạn lưu"))
        #expect(bot.state.flowID == "menu")
        #expect(bot.state.slots["ho_ten"] == nil)
    }

    @Test func shortPauseContinuesSilently() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.now += 20 * 60
        #expect(bot.say("Nguyen Van An").joined().contains("sinh ngày nào"))
    }
}

struct EngineVersionTests {
    static let oldFlow = """
        id: thu
        title: Thử
        start: a
        steps:
          a:
            ask: "Câu cũ?"
            input: text
            save: x
            next: b
          b:
            say: "Kết thúc cũ {{x}}"
            end: true
        """

    static let newFlow = """
        id: thu
        title: Thử
        start: a
        steps:
          a:
            ask: "Câu mới?"
            input: text
            save: x
            next: b
          b:
            say: "Kết thúc mới {{x}}"
            end: true
        """

    static func flow(_ text: String) throws -> Flow {
        let bytes = Array(text.utf8)
        return try FlowLoader.load(YAMLParser.parse(text), source: "thu.yaml", version: FlowLoader.version(of: bytes))
    }

    @Test func conversationKeepsStartingVersion() throws {
        let harness = try EngineHarness()
        let old = try Self.flow(Self.oldFlow)
        let new = try Self.flow(Self.newFlow)
        #expect(old.version != new.version)

        var catalog = harness.engine.catalog
        catalog.add(old)
        let oldEngine = ConversationEngine(catalog: catalog, messages: harness.engine.messages)
        let now = harness.now
        let started = oldEngine.received(.text("thử"), state: ConversationState(), now: now)
        #expect(started.replies.last?.text == "Câu cũ?")

        catalog.add(new)
        catalog.addEarlierVersion(old)
        let newEngine = ConversationEngine(catalog: catalog, messages: harness.engine.messages)
        let finished = newEngine.received(.text("a"), state: started.state, now: now)
        #expect(finished.replies.last?.text == "Kết thúc cũ a")

        let fresh = newEngine.received(.text("thử"), state: ConversationState(), now: now)
        #expect(fresh.replies.last?.text == "Câu mới?")
    }
}

struct EngineDraftEdgeTests {
    @Test func unfollowAfterPauseGetsNoResumeQuestion() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.now += 2 * 3600
        #expect(bot.send(.unfollow).isEmpty)
        #expect(!bot.state.askingResume)
    }

    @Test func emptyConditionValueRejected() throws {
        let text = """
            id: thu
            title: Thử
            start: a
            steps:
              a:
                ask: "Tên?"
                input: name
                save: ten
                next:
                  - if: {ten: }
                    goto: b
                  - goto: b
              b:
                say: "Xong {{ten}}"
                end: true
            """
        let error = #expect(throws: FlowErrors.self) {
            try FlowLoader.load(YAMLParser.parse(text), source: "thu.yaml", version: "1")
        }
        #expect(error?.errors.first?.message.contains("điều kiện trên 'ten' trống") == true)
    }
}

struct EngineMenuDraftTests {
    @Test func menuKeepsFormForLater() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.say("menu")
        #expect(bot.state.flowID == "menu")
        #expect(bot.state.savedDraft?.rootFlowID == "dang-ky-khai-sinh")

        // A procedure named at the menu goes straight to its flow, which offers the saved form.
        #expect(bot.say("khai sinh").joined().contains("đang làm dở thủ tục \"Đăng ký khai sinh\""))
        #expect(bot.say("làm tiếp").joined().contains("sinh ngày nào"))
        #expect(bot.state.slots["ho_ten"]?.value == "Nguyen Van An")
        #expect(bot.state.savedDraft == nil)
    }

    @Test func startOverDropsSavedForm() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.say("menu")
        bot.say("khai sinh")
        #expect(bot.say("làm lại").joined().contains("Họ và tên của cháu"))
        #expect(bot.state.slots.isEmpty)
    }

    @Test func cancelDropsSavedForm() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.say("menu")
        bot.say("hủy")
        #expect(bot.state.savedDraft == nil)
    }

    @Test func savedFormExpires() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.say("menu")
        bot.now += 31 * 86_400
        #expect(bot.say("khai sinh").joined().contains("quá hạn lưu"))
        #expect(bot.state.savedDraft == nil)
        #expect(bot.state.stepID == "ho-ten")
    }
}

struct EngineDeleteDataTests {
    @Test func deleteCommandClearsFormsFromState() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        #expect(bot.say("xóa dữ liệu").joined().contains("chắc muốn xóa"))
        bot.say("có")
        #expect(bot.actions.last?.name == "delete_my_data")
        #expect(bot.state.savedDraft == nil)
        #expect(bot.state.slots["ho_ten"] == nil)
    }
}
