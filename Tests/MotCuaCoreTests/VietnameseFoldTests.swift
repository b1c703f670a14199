import Foundation
import Testing

@testable import MotCuaCore

/// The fast path of `foldKey` against the general path it replaces for Latin text.
struct VietnameseFoldTests {
    /// Every scalar of the letter table, with its upper and lower case, in and between words.
    @Test func latinPathMatchesGeneralForEveryTableLetter() {
        var checked = 0
        for range in LatinLetterTable.ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let letter = String(scalar)
                for text in [letter, "x\(letter)y", "Ab \(letter)-\(letter.uppercased()) 9", " \(letter)\(letter) "] {
                    guard let fast = VietnameseText.latinFoldKey(text) else { continue }
                    #expect(fast == VietnameseText.generalFoldKey(text), "U+\(String(value, radix: 16))")
                    checked += 1
                }
            }
        }
        // Vietnamese letters alone are well over a hundred scalars, each in four texts.
        #expect(checked > 400)
    }

    @Test(arguments: [
        "Đặng Hòa Thuỷ", "ĐĂNG KÝ KHAI SINH!!!", "  xã   Bình Hòa ", "dạ, có ạ.", "Số 2.", "Ê-đê", "người",
        "ngừơi", "lam giay khai sinh\u{200B}", "\u{FEFF}dạ có", "a\u{200B}b", "tab\there\r\nnext", "",
        "   ", "!!!", "12/3/2026", "Nguyễn Văn A_B", "thuỷ khoẻ hoà", "José café", "x\u{0}y",
    ])
    func latinPathMatchesGeneral(text: String) throws {
        let fast = try #require(VietnameseText.latinFoldKey(text))
        #expect(fast == VietnameseText.generalFoldKey(text))
    }

    /// Text with combining marks, non-ASCII spaces or letters outside the table takes the general path.
    @Test(arguments: [
        "gia\u{0301}", "Ðà", "ừ 👍", "a\u{00A0}b", "straße", "日本", "hoa\u{0300}",
    ])
    func otherTextTakesGeneralPath(text: String) {
        #expect(VietnameseText.latinFoldKey(text) == nil)
        #expect(VietnameseText.foldKey(text) == VietnameseText.generalFoldKey(text))
    }

    /// Random mixes of ASCII, Vietnamese letters, separators and invisible scalars, from a fixed seed.
    @Test func latinPathMatchesGeneralOnRandomText() {
        let alphabet = Array("aAđĐăâêôơưÀÁẢÃẠằẮẳẵặếỀểễệọỏốồổỗộớờởỡợụủứừửữựỳýỷỹỵ zZ09 .,-!?\n\t'\"/()") + ["\u{200B}"]
        var generator = SplitMix(seed: 42)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 24)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(VietnameseText.latinFoldKey(text) == VietnameseText.generalFoldKey(text), "\(text)")
        }
    }
}

/// A small deterministic random number generator, so a failing text can be reproduced.
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
