import MotCuaChannels
import MotCuaCore
import Testing

struct TelegramCallbackDataTests {
    static let longValues = [
        "Đăng ký thường trú cho con dưới 14 tuổi tại phường Tân Ninh",
        "cấp-lại-giấy-chứng-nhận-quyền-sử-dụng-đất-do-bị-mất",
        String(repeating: "ệ", count: 22),
        "Người được ủy quyền nộp hồ sơ thay cho công dân",
    ]

    @Test(arguments: longValues)
    func longValueBecomesShortStableKey(value: String) {
        #expect(value.utf8.count > TelegramSender.maxCallbackDataBytes)

        let data = TelegramSender.callbackValue(for: value)

        #expect(data.hasPrefix("b:"))
        #expect(data.utf8.count == 18)
        #expect(TelegramSender.callbackValue(for: value) == data)
    }

    @Test func longValuesRoundTripAmongButtons() {
        let buttons = Self.longValues.enumerated().map { ReplyButton(title: "Mục \($0.offset + 1)", value: $0.element) }

        for button in buttons {
            let data = TelegramSender.callbackValue(for: button.value)
            #expect(TelegramSender.buttonValue(forCallbackData: data, among: buttons) == button.value)
        }
        #expect(Set(buttons.map { TelegramSender.callbackValue(for: $0.value) }).count == buttons.count)
    }

    /// The expected key was computed outside Swift (Python hashlib) from 65 letters "a".
    @Test func keyMatchesIndependentDigest() {
        #expect(TelegramSender.callbackValue(for: String(repeating: "a", count: 65)) == "b:635361c48bb9eab1")
    }

    /// `ệ` is 3 bytes of UTF-8, so 21 of them (63 bytes) fit and 22 (66 bytes) do not.
    @Test func byteLimitCountsUTF8() {
        let fits = String(repeating: "ệ", count: 21)
        #expect(TelegramSender.callbackValue(for: fits) == fits)
        #expect(TelegramSender.callbackValue(for: fits + "ệ").hasPrefix("b:"))
        #expect(
            TelegramSender.callbackValue(for: String(repeating: "a", count: 64)) == String(repeating: "a", count: 64))
    }

    @Test func shortValueIsSentAsIs() {
        #expect(TelegramSender.callbackValue(for: "nam") == "nam")
        #expect(TelegramSender.buttonValue(forCallbackData: "nam", among: []) == "nam")
    }

    @Test func decomposedValueMatchesPrecomposed() {
        let decomposed = "cha\u{300}o"
        #expect(
            Array(TelegramSender.callbackValue(for: decomposed).unicodeScalars) == Array("ch\u{E0}o".unicodeScalars))
    }

    @Test func valuesThatLookHashedAreHashed() {
        let data = TelegramSender.callbackValue(for: "b:42")
        #expect(data != "b:42")
        #expect(data.utf8.count == 18)
        #expect(
            TelegramSender.buttonValue(forCallbackData: data, among: [ReplyButton(title: "B", value: "b:42")]) == "b:42"
        )
    }

    @Test func emptyValueGetsNonEmptyKey() {
        #expect(TelegramSender.callbackValue(for: "").utf8.count == 18)
    }

    @Test func unknownHashedKeyIsNil() {
        let buttons = [ReplyButton(title: "A", value: Self.longValues[0])]
        #expect(TelegramSender.buttonValue(forCallbackData: "b:0000000000000000", among: buttons) == nil)
    }
}
