import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

/// A test flow with every kind of answer checking, run with the real messages and communes.
struct EngineInputTests {
    static let mainFlow = """
        id: thu-nhap
        title: Thử nhập liệu
        keywords: [thu nhap]
        start: xa
        steps:
          xa:
            ask: "Bác ở xã/phường nào?"
            label: Xã/phường
            input: commune
            save: xa
            next: cccd
          cccd:
            ask: "Số căn cước?"
            label: Căn cước
            input: citizen_id
            save: cccd
            next: ngay-hen
          ngay-hen:
            ask: "Hẹn ngày nào?"
            label: Ngày hẹn
            input: {type: date, min: today, max: today+365d}
            save: ngay_hen
            next: nguoi
          nguoi:
            ask: "Ai đi cùng?"
            label: Người đi cùng
            input:
              type: choice
              options:
                - {value: ong-noi, label: "Ông nội"}
                - {value: ba-noi, label: "Bà nội"}
                - {value: me, label: "Mẹ"}
            save: nguoi
            next: may-ban
          may-ban:
            ask: "Số điện thoại bàn hoặc di động?"
            label: Điện thoại
            input: {type: phone, landline: true}
            save: dien_thoai
            next: ghi-chu
          ghi-chu:
            ask: "Ghi chú thêm?"
            label: Ghi chú
            input: {type: text, optional: true}
            save: ghi_chu
            next: dia-chi
          dia-chi:
            call: hoi-dia-chi
            next: xac-nhan
          xac-nhan:
            confirm: [xa, cccd, ngay_hen, nguoi, dien_thoai, ghi_chu, so_nha]
            next: xong
          xong:
            say: "Xong."
            end: true
        """

    static let subflow = """
        id: hoi-dia-chi
        title: Hỏi địa chỉ
        start: so-nha
        steps:
          so-nha:
            ask: "Số nhà, tên đường?"
            label: Số nhà
            input: text
            save: so_nha
            next: het
          het:
            end: true
        """

    static func makeBot() throws -> EngineHarness {
        var bot = try EngineHarness(now: "2026-12-04T09:00:00+07:00")
        var catalog = bot.engine.catalog
        for text in [mainFlow, subflow] {
            let flow = try FlowLoader.load(
                YAMLParser.parse(text), source: "test.yaml", version: FlowLoader.version(of: Array(text.utf8)))
            catalog.add(flow)
        }
        bot.replaceEngine(
            ConversationEngine(catalog: catalog, messages: bot.engine.messages, communes: bot.engine.communes))
        return bot
    }

    @Test func walksEveryInputKind() throws {
        var bot = try Self.makeBot()
        #expect(bot.say("thu nhap").joined().contains("xã/phường nào"))
        #expect(bot.say("p tan ninh").joined().contains("Số căn cước"))
        #expect(bot.state.slots["xa"]?.value == "Phường Tân Ninh")

        #expect(bot.say("072 0 59 001234").joined().contains("Hẹn ngày nào"))
        #expect(bot.say("5/1/27").joined().contains("Ai đi cùng"))
        #expect(bot.state.slots["ngay_hen"]?.value == "2027-01-05")

        let ambiguous = bot.send(.text("nội"))
        #expect(ambiguous.last?.text.contains("chọn giúp tôi") == true)
        #expect(ambiguous.last?.buttons.map(\.title) == ["Ông nội", "Bà nội"])
        #expect(bot.say("2").joined().contains("điện thoại bàn"))
        #expect(bot.state.slots["nguoi"]?.value == "ba-noi")

        #expect(bot.say("0276 3822 123").joined().contains("Ghi chú"))
        #expect(bot.say("bỏ qua").joined().contains("Số nhà"))
        let summary = bot.say("12 Trần Hưng Đạo").joined()
        #expect(summary.contains("Xã/phường: Phường Tân Ninh"))
        #expect(summary.contains("Ghi chú: —"))
        #expect(summary.contains("Số nhà: 12 Trần Hưng Đạo"))
        #expect(bot.state.flowID == "thu-nhap")
        #expect(bot.say("có").joined().contains("Xong."))
    }

    @Test(arguments: [
        ("31/02/2027", "Không có ngày 31/02/2027 trong lịch"),
        ("1/1/2020", "sớm quá"),
        ("1/1/2030", "chưa tới"),
        ("mai mốt", "Ngày chưa đúng"),
    ])
    func dateReasons(answer: String, expected: String) throws {
        var bot = try Self.makeBot()
        for line in ["thu nhap", "tan ninh", "072059001234"] { bot.say(line) }
        #expect(bot.state.stepID == "ngay-hen")
        #expect(bot.say(answer).joined().contains(expected))
    }

    @Test(arguments: [
        ("123456789", "chứng minh nhân dân cũ"),
        ("07205900123", "bác mới gõ 11 số"),
        ("999059001234", "Ba số đầu 999"),
        ("072299001234", "năm sinh 2099"),
    ])
    func citizenIDReasons(answer: String, expected: String) throws {
        var bot = try Self.makeBot()
        for line in ["thu nhap", "tan ninh"] { bot.say(line) }
        #expect(bot.say(answer).joined().contains(expected))
    }

    @Test func unknownCommuneRejected() throws {
        var bot = try Self.makeBot()
        bot.say("thu nhap")
        #expect(bot.say("Hà Nội").joined().contains("chưa tìm thấy xã/phường"))
        #expect(bot.state.stepID == "xa")
    }

    @Test func mobileOnlyByDefault() throws {
        var bot = try EngineHarness()
        for line in ["khai sinh", "Nguyen Van An", "1/2/2026", "nam", "Le Thi Hoa", "1", "có"] { bot.say(line) }
        #expect(bot.say("0276 3822 123").joined().contains("Số điện thoại chưa đúng"))
    }
}
