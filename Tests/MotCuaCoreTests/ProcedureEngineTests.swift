import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

/// The procedure guide flow (tim-thu-tuc) run with the repository's templates.
struct ProcedureEngineTests {
    @Test func guideLeadsIntoBirthFlow() throws {
        var bot = try EngineHarness()
        #expect(bot.say("hỏi thủ tục").joined().contains("Bác cần làm thủ tục gì?"))
        #expect(bot.state.flowID == "tim-thu-tuc")

        let guide = bot.say("lam giay khai sinh cho con").joined(separator: "\n")
        #expect(guide.contains("Thủ tục đăng ký khai sinh"))
        #expect(guide.contains("• Giấy chứng sinh bản gốc."))
        #expect(guide.contains("Lệ phí: Miễn phí nếu đăng ký trong 60 ngày"))
        #expect(guide.contains("Thời gian: Trong ngày làm việc."))
        #expect(guide.contains("• Nộp trực tiếp tại Ủy ban nhân dân xã, phường."))
        #expect(guide.contains("Căn cứ: Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"))
        #expect(guide.contains("khai hồ sơ ngay"))
        #expect(!guide.contains("{{"))
        #expect(bot.state.slots["thu_tuc"]?.value == "1.001193")
        #expect(bot.state.slots["thu_tuc_flow"]?.value == "dang-ky-khai-sinh")

        let entered = bot.say("có").joined(separator: "\n")
        #expect(entered.contains("Đăng ký khai sinh cho cháu bé."))
        #expect(entered.contains("Họ và tên của cháu là gì?"))
        #expect(bot.state.flowID == "dang-ky-khai-sinh")
        #expect(bot.state.stepID == "ho-ten")
    }

    @Test func procedureWithoutFlowEndsGuide() throws {
        var bot = try EngineHarness()
        bot.say("thủ tục")
        let guide = bot.say("dang ky thuong tru").joined(separator: "\n")
        #expect(guide.contains("Đăng ký thường trú"))
        #expect(guide.contains("Lệ phí: 20.000 đồng khi nộp trực tiếp"))
        #expect(guide.contains("Lưu ý: Cần đăng ký trong 12 tháng"))
        #expect(!guide.contains("khai hồ sơ ngay"))
        #expect(guide.contains("Gõ \"menu\" để làm việc khác."))
        #expect(bot.state.flowID == nil)
    }

    @Test func noteSkippedWhenAbsent() throws {
        var bot = try EngineHarness()
        bot.say("thủ tục")
        let guide = bot.say("chung thuc ban sao").joined(separator: "\n")
        #expect(guide.contains("Lệ phí: 2.000 đồng một trang."))
        #expect(!guide.contains("Lưu ý"))
    }

    @Test func declinedOfferEndsGuide() throws {
        var bot = try EngineHarness()
        for line in ["thủ tục", "khai sinh"] { bot.say(line) }
        #expect(bot.say("không").joined().contains("gõ \"thủ tục\""))
        #expect(bot.state.flowID == nil)
    }

    @Test func severalMatchesOfferButtons() throws {
        var bot = try EngineHarness()
        bot.say("thủ tục")
        let replies = bot.send(.text("xin tro cap"))
        #expect(replies.last?.text == "Bác chọn giúp tôi một trong các mục sau:")
        #expect(replies.last?.buttons.map(\.title) == ["Xin trợ cấp hưu trí xã hội", "Xin trợ cấp xã hội hằng tháng"])
        #expect(replies.last?.buttons.map(\.value) == ["1.014027", "1.001776"])
        #expect(bot.state.stepID == "hoi")

        let guide = bot.say("2").joined(separator: "\n")
        #expect(guide.contains("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng"))
        #expect(bot.state.flowID == nil)
    }

    @Test func buttonValueResolvesByCode() throws {
        var bot = try EngineHarness()
        bot.say("thủ tục")
        bot.send(.text("xin tro cap"))
        let guide = bot.send(.button("1.014027")).map(\.text).joined(separator: "\n")
        #expect(guide.contains("Hưởng trợ cấp hưu trí xã hội"))
        #expect(guide.contains("Lưu ý: Người từ đủ 75 tuổi"))
    }

    @Test func unknownProcedureRejected() throws {
        var bot = try EngineHarness()
        bot.say("thủ tục")
        let reply = bot.say("xin chào").joined(separator: "\n")
        #expect(reply.contains("Tôi chưa tìm thấy thủ tục này."))
        #expect(reply.contains("làm giấy khai sinh"))
        #expect(bot.state.stepID == "hoi")
    }

    @Test func startFlowFromWithoutFlowEndsWithoutNext() throws {
        let text = """
            id: hoi-nhanh
            title: Hỏi nhanh
            keywords: [hoi nhanh]
            start: hoi
            steps:
              hoi:
                ask: "Thủ tục gì?"
                input: procedure
                save: tt
                next: vao
              vao:
                start_flow_from: tt
            """
        var bot = try EngineHarness()
        var catalog = bot.engine.catalog
        catalog.add(try FlowLoader.load(YAMLParser.parse(text), source: "test.yaml", version: "1"))
        bot.replaceEngine(
            ConversationEngine(
                catalog: catalog, messages: bot.engine.messages, procedures: bot.engine.procedures))

        bot.say("hoi nhanh")
        bot.say("đăng ký tạm trú")
        #expect(bot.state.flowID == nil)

        bot.say("hoi nhanh")
        #expect(bot.say("1.001193").joined().contains("Họ và tên của cháu"))
        #expect(bot.state.flowID == "dang-ky-khai-sinh")
    }

    @Test func emptyCatalogRejectsEveryAnswer() throws {
        var bot = try EngineHarness()
        bot.replaceEngine(ConversationEngine(catalog: bot.engine.catalog, messages: bot.engine.messages))
        bot.say("thủ tục")
        #expect(bot.say("khai sinh").joined().contains("Tôi chưa tìm thấy thủ tục này."))
    }
}
