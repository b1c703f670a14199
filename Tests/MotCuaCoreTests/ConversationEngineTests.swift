import Foundation
import MotCuaCore
import Testing

struct ConversationEngineTests {
    @Test func birthRegistrationHappyPath() throws {
        var bot = try EngineHarness()
        let menu = bot.send(.text("xin chào"))
        #expect(menu.last?.buttons.count == 6)

        #expect(bot.say("1").joined().contains("Bác cần làm thủ tục gì?"))
        #expect(bot.say("khai sinh").joined().contains("khai hồ sơ ngay"))
        #expect(bot.say("có").joined().contains("Họ và tên của cháu"))
        #expect(bot.say("nguyen thi mai").joined().contains("sinh ngày nào"))
        #expect(bot.say("5/2/26").joined().contains("Giới tính"))
        #expect(bot.say("gai").joined().contains("mẹ cháu"))
        #expect(bot.say("trần thị bích").joined().contains("là gì của cháu"))
        #expect(bot.say("me").joined().contains("đồng ý cho số điện thoại"))
        #expect(bot.say("dạ").joined().contains("Số điện thoại"))
        let summary = bot.say("0912 345 678").joined()
        #expect(summary.contains("1. Họ tên cháu: Nguyen Thi Mai"))
        #expect(summary.contains("2. Ngày sinh: 05/02/2026"))
        #expect(summary.contains("3. Giới tính: Nữ"))

        let done = bot.say("ừ").joined()
        #expect(done.contains("Mã hồ sơ: KS-TEST1"))
        #expect(bot.actions.map(\.name) == ["submit_dossier"])
        #expect(bot.actions.first?.slots["so_dien_thoai"]?.value == "0912345678")
        #expect(bot.state.flowID == nil)
    }

    @Test func keywordStartsFlowDirectly() throws {
        var bot = try EngineHarness()
        let replies = bot.say("lam giay khai sinh cho con").joined()
        #expect(replies.contains("Đăng ký khai sinh"))
        #expect(bot.state.flowID == "dang-ky-khai-sinh")
    }

    @Test func badDateClimbsLadder() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        let first = bot.say("hôm kia chắc vậy").joined()
        #expect(first.contains("Ví dụ: 05/03/2025"))
        _ = bot.say("abc")
        let third = bot.say("xyz").joined()
        #expect(third.contains("gặp cán bộ"))
        #expect(bot.state.stepID == "ngay-sinh")
        #expect(bot.say("1/3/2026").joined().contains("Giới tính"))
    }

    @Test func futureDateRejected() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        #expect(bot.say("1/1/2027").joined().contains("chưa tới"))
    }

    @Test func fixAnswerFromSummary() throws {
        var bot = try EngineHarness()
        for line in ["khai sinh", "Nguyen Van An", "1/2/2026", "nam", "Le Thi Hoa", "1", "có", "0912345678"] {
            bot.say(line)
        }
        #expect(bot.state.stepID == "xac-nhan")
        #expect(bot.say("sửa 1").joined().contains("Họ và tên của cháu"))
        let summary = bot.say("Nguyen Van Binh").joined()
        #expect(summary.contains("1. Họ tên cháu: Nguyen Van Binh"))
        bot.say("2")
        #expect(bot.state.choosingFix)
        #expect(bot.say("4").joined().contains("mẹ cháu"))
    }

    @Test func backForgetsPreviousAnswer() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        #expect(bot.say("quay lại").joined().contains("Họ và tên của cháu"))
        #expect(bot.state.slots["ho_ten"] == nil)
    }

    @Test(arguments: ["menu", "MENU", "0", "Menu chính"])
    func menuCommandRestarts(command: String) throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        bot.say("Nguyen Van An")
        bot.say(command)
        #expect(bot.state.flowID == "menu")
        #expect(bot.state.slots.isEmpty)
    }

    @Test func handoffSilencesBotExceptCommands() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        #expect(bot.say("gặp cán bộ").joined().contains("cán bộ"))
        #expect(bot.say("cho tôi hỏi").isEmpty)
        #expect(bot.say("nhắc lại").joined().contains("Họ và tên"))
        bot.say("menu")
        #expect(!bot.state.handoff)
    }

    @Test func stickerGetsKindReply() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        let replies = bot.send(.sticker(id: "abc")).map(\.text).joined()
        #expect(replies.contains("chưa đọc được"))
        #expect(replies.contains("Họ và tên"))
    }
}

struct EngineRegressionTests {
    @Test func shortReplyDoesNotFuzzyMatchOption() throws {
        var bot = try EngineHarness()
        for line in ["khai sinh", "Nguyen Van An", "1/2/2026", "nam", "Le Thi Hoa"] { bot.say(line) }
        #expect(bot.state.stepID == "quan-he")
        #expect(bot.say("dạ").joined().contains("chưa hiểu"))
        #expect(bot.state.stepID == "quan-he")
    }

    @Test func officialOfferKeepsQuestionButtons() throws {
        var bot = try EngineHarness()
        for line in ["khai sinh", "Nguyen Van An", "1/2/2026"] { bot.say(line) }
        for line in ["x", "y"] { bot.say(line) }
        let offer = bot.say("z").joined()
        #expect(offer.contains("gặp cán bộ"))
        #expect(bot.state.buttons.map(\.title) == ["Nam", "Nữ"])
        bot.say("2")
        #expect(bot.state.slots["gioi_tinh"]?.value == "nu")
        #expect(!bot.state.handoff)
    }

    @Test func singleWordNameRejected() throws {
        var bot = try EngineHarness()
        bot.say("khai sinh")
        #expect(bot.say("ko").joined().contains("đủ họ và tên"))
        #expect(bot.state.stepID == "ho-ten")
    }
}

struct EngineInputDisplayTests {
    @Test func oldPhoneNumberShownWithNewForm() throws {
        var bot = try EngineHarness()
        for line in ["khai sinh", "Nguyen Van An", "1/2/2026", "nam", "Le Thi Hoa", "1", "có"] { bot.say(line) }
        let summary = bot.say("0169 123 4567").joined()
        #expect(summary.contains("6. Số điện thoại: 0391234567 (số cũ 01691234567)"))
        #expect(bot.state.slots["so_dien_thoai"]?.value == "0391234567")
    }
}

struct EngineFreeTextTests {
    @Test(arguments: ["khai sinhh", "giay khai sanh", "lam giay khai sinh cho chau"])
    func procedureTypoFindsProcedure(text: String) throws {
        var bot = try EngineHarness()
        let replies = bot.say(text).joined()
        #expect(replies.contains("Thủ tục đăng ký khai sinh") || replies.contains("Đăng ký khai sinh"))
    }

    @Test func unrelatedTextShowsMenu() throws {
        var bot = try EngineHarness()
        bot.say("alo alo")
        #expect(bot.state.flowID == "menu")
    }
}
