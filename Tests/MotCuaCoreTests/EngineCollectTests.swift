import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

struct EngineCollectTests {
    static let flowText = """
        id: bao-cao
        title: Báo cáo thử
        keywords: [bao cao thu]
        start: mo-ta
        steps:
          mo-ta:
            ask: "Bác tả sự việc?"
            label: Mô tả
            input: text
            save: mo_ta
            collect: {image: anh, location: vi_tri}
            next: anh
          anh:
            ask: "Gửi ảnh, xong thì gõ xong."
            label: Ảnh
            input: {type: image, multiple: true, optional: true}
            save: anh
            collect: {location: vi_tri}
            next:
              - if: {vi_tri: {present: true}}
                goto: xac-nhan
              - goto: vi-tri
          vi-tri:
            ask: "Gửi vị trí?"
            label: Vị trí
            input: location
            save: vi_tri
            next: xac-nhan
          xac-nhan:
            confirm: [mo_ta, anh, vi_tri]
            next: xong
          xong:
            say: "Xong."
            end: true
        """

    static func makeBot() throws -> EngineHarness {
        var bot = try EngineHarness()
        var catalog = bot.engine.catalog
        catalog.add(
            try FlowLoader.load(
                YAMLParser.parse(flowText), source: "bao-cao.yaml",
                version: FlowLoader.version(of: Array(flowText.utf8))))
        bot.replaceEngine(ConversationEngine(catalog: catalog, messages: bot.engine.messages))
        return bot
    }

    @Test func photoAndLocationBeforeDescription() throws {
        var bot = try Self.makeBot()
        bot.say("bao cao thu")
        #expect(bot.send(.image(url: "https://example.test/1.jpg", caption: nil)).first?.text == "Đã nhận 1 ảnh.")
        #expect(bot.send(.location(latitude: 11.3, longitude: 106.1)).first?.text == "Đã nhận vị trí.")
        #expect(bot.state.stepID == "mo-ta")

        bot.say("duong bi sut lun")
        #expect(bot.state.stepID == "anh")
        bot.send(.image(url: "https://example.test/2.jpg", caption: nil))
        let summary = bot.say("xong").joined()
        #expect(summary.contains("Ảnh: 2 ảnh"))
        #expect(summary.contains("Vị trí: 11.3, 106.1"))
        #expect(bot.state.slots["anh"]?.value == "https://example.test/1.jpg\nhttps://example.test/2.jpg")
    }

    @Test func photosSkippedThenLocationAsked() throws {
        var bot = try Self.makeBot()
        bot.say("bao cao thu")
        bot.say("den duong hong")
        #expect(bot.say("bỏ qua").joined().contains("Gửi vị trí?"))
        #expect(
            bot.send(.location(latitude: 11, longitude: 106)).map(\.text).joined().contains("Mô tả: Den Duong Hong")
                == false)
        #expect(bot.state.stepID == "xac-nhan")
    }

    @Test func doneWithoutPhotosOnRequiredQuestionRejected() throws {
        let required = Self.flowText.replacingOccurrences(of: "multiple: true, optional: true", with: "multiple: true")
        var bot = try EngineHarness()
        var catalog = bot.engine.catalog
        catalog.add(try FlowLoader.load(YAMLParser.parse(required), source: "b.yaml", version: "2"))
        bot.replaceEngine(ConversationEngine(catalog: catalog, messages: bot.engine.messages))
        bot.say("bao cao thu")
        bot.say("rac thai")
        bot.say("xong")
        #expect(bot.state.stepID == "anh")
        #expect(bot.state.retries == 1)
    }
}
