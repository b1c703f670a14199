import Foundation
import Testing

@testable import MotCuaCore

struct VietnameseTextTests {
    @Test(arguments: ["giá", "hòa", "bệnh", "Đặng", "Việt Nam", "người", "ĐỖ THỊ LẬP", "khuỷu tay"])
    func nfdInputEqualsNfcInput(word: String) {
        let nfc = word.precomposedStringWithCanonicalMapping
        let nfd = word.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))

        let fromNFD = VietnameseText.normalized(nfd)
        let fromNFC = VietnameseText.normalized(nfc)
        #expect(Array(fromNFD.unicodeScalars) == Array(fromNFC.unicodeScalars))
        #expect(Array(fromNFD.unicodeScalars) == Array(fromNFD.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(VietnameseText.foldKey(nfd) == VietnameseText.foldKey(nfc))
    }

    @Test(arguments: [
        ("hòa", "hoà"), ("Hòa", "Hoà"), ("HÒA", "HOÀ"), ("thủy", "thuỷ"), ("Thủy", "Thuỷ"), ("khỏe", "khoẻ"),
        ("họa", "hoạ"), ("góa", "goá"), ("tùy", "tuỳ"), ("Bình Hòa", "Bình Hoà"), ("Mộc Hóa", "Mộc Hoá"),
        ("đọan", "đoạn"), ("họat", "hoạt"), ("hòan", "hoàn"), ("ngừơi", "người"), ("mừơi", "mười"),
        ("gìa", "già"), ("qúy", "quý"), ("qủa", "quả"), ("tíên", "tiến"), ("ngòai", "ngoài"), ("thúê", "thuế"),
    ])
    func normalizedMovesToneToCanonicalVowel(typed: String, expected: String) {
        let result = VietnameseText.normalized(typed)
        #expect(Array(result.unicodeScalars) == Array(expected.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test(arguments: [
        "hoà", "thuỷ", "khoẻ", "người", "già", "quý", "quả", "mái", "múa", "núi", "kéo", "mía", "toán", "tiếng",
        "khuyến", "giữa", "gì", "quỳnh", "khuỷu", "rượu", "cứu", "gửi", "boòng", "José", "café", "Nguyễn", "ĐƯỜNG",
        "ok", "12/3", "Tây Ninh",
    ])
    func normalizedKeepsCanonicalWords(word: String) {
        let nfc = word.precomposedStringWithCanonicalMapping
        #expect(Array(VietnameseText.normalized(nfc).unicodeScalars) == Array(nfc.unicodeScalars))
    }

    @Test(arguments: [
        ("  Nguyễn   Văn\tAn \n", "Nguyễn Văn An"), ("\u{200B}dạ có\u{FEFF}", "dạ có"), ("a\n\nb", "a b"),
        ("", ""), ("   ", ""),
    ])
    func normalizedTrimsAndCollapsesWhitespace(typed: String, expected: String) {
        #expect(VietnameseText.normalized(typed) == expected)
    }

    @Test(arguments: [
        ("Đặng Hòa Thuỷ", "dang hoa thuy"), ("Đặng Hoà Thủy", "dang hoa thuy"), ("địa chỉ", "dia chi"),
        ("Đà Nẵng", "da nang"), ("ĐĂNG KÝ KHAI SINH!!!", "dang ky khai sinh"), ("dạ, có ạ.", "da co a"),
        ("Số 2.", "so 2"), ("  xã   Bình Hòa ", "xa binh hoa"), ("Ê-đê", "e de"), ("Ðà", "ða"),
        ("người", "nguoi"), ("ừ 👍", "u"),
    ])
    func foldKeyRemovesDiacriticsAndPunctuation(typed: String, expected: String) {
        #expect(VietnameseText.foldKey(typed) == expected)
    }

    @Test(arguments: ["Đặng Hòa Thuỷ", "  dạ,  CÓ ạ!! ", "Ê-đê", "ngừơi"])
    func foldKeyAndNormalizedAreIdempotent(text: String) {
        let key = VietnameseText.foldKey(text)
        #expect(VietnameseText.foldKey(key) == key)
        let normalized = VietnameseText.normalized(text)
        #expect(VietnameseText.normalized(normalized) == normalized)
    }

    @Test func foldKeyMakesOldAndNewToneStylesEqual() {
        #expect(VietnameseText.foldKey("Hoà") == VietnameseText.foldKey("Hòa"))
        #expect(VietnameseText.normalized("Hoà") == VietnameseText.normalized("Hòa"))
        #expect(VietnameseText.normalized("thủy").utf8.count == VietnameseText.normalized("thuỷ").utf8.count)
    }

    @Test(arguments: [
        ("nguyễn văn AN", "Nguyễn Văn An"), ("TRẦN THỊ BÍCH", "Trần Thị Bích"), ("đặng hòa thuỷ", "Đặng Hoà Thuỷ"),
        ("h'hen niê", "H'Hen Niê"), ("y-moan ênuôl", "Y-Moan Ênuôl"), ("  lê   văn   tám ", "Lê Văn Tám"),
        ("ĐỖ", "Đỗ"),
    ])
    func titleCasedCapitalisesEachWord(typed: String, expected: String) {
        #expect(VietnameseText.titleCased(typed) == expected)
    }

    @Test(arguments: [
        ("khoong", "khong"), ("dduwowcj", "duoc"), ("chwa", "chua"), ("vaangj", "vang"), ("coos", "co"),
        ("khong", "khong"), ("dung", "dung"), ("da co", "da co"), ("uwf", "u"),
    ])
    func telexLeftoverKeyRemovesRawKeys(typed: String, expected: String) {
        #expect(VietnameseText.telexLeftoverKey(typed) == expected)
    }

    @Test(arguments: [("nu", "nu", 0), ("nuu", "nu", 1), ("nam", "nu", 2), ("", "abc", 3), ("kitten", "sitting", 3)])
    func editDistanceCountsEdits(a: String, b: String, expected: Int) {
        #expect(VietnameseText.editDistance(a, b) == expected)
        #expect(VietnameseText.editDistance(b, a) == expected)
    }
}
