import MotCuaChannels
import Testing

struct MessageSplitterTests {
    @Test func shortTextIsOnePart() {
        #expect(MessageSplitter.split("Xin chào", maxCharacters: 2000) == ["Xin chào"])
        #expect(MessageSplitter.split("", maxCharacters: 2000) == [""])
    }

    @Test func exactLimitIsOnePart() {
        let text = String(repeating: "a", count: 2000)
        #expect(MessageSplitter.split(text, maxCharacters: 2000) == [text])
    }

    @Test func splitKeepsWordsAndCombiningMarks() {
        // "x" with U+0301 has no precomposed form, so each word keeps a combining mark after NFC.
        let word = "x\u{301}ệt"
        let words = (1...900).map { "\(word)\($0)" }
        let text = words.joined(separator: " ")

        let parts = MessageSplitter.split(text, maxCharacters: 2000)

        #expect(parts.count > 1)
        for part in parts {
            #expect(part.count <= 2000)
            #expect(part.unicodeScalars.first?.properties.isGraphemeExtend == false)
            #expect(part.first?.isWhitespace == false)
            #expect(part.last?.isWhitespace == false)
        }
        // Every word arrives whole and in order.
        #expect(parts.flatMap { $0.split(separator: " ").map(String.init) } == words)
    }

    @Test func splitPrefersLineBreakInSecondHalf() {
        let firstParagraph = String(repeating: "ab ", count: 500) + "cuối"
        let text = firstParagraph + "\n" + String(repeating: "cd ", count: 400)

        let parts = MessageSplitter.split(text, maxCharacters: 2000)

        #expect(parts.first == firstParagraph)
        #expect(parts.allSatisfy { $0.count <= 2000 })
    }

    @Test func wordLongerThanLimitIsCut() {
        let text = String(repeating: "ả", count: 4500)
        let parts = MessageSplitter.split(text, maxCharacters: 2000)

        #expect(parts.map(\.count) == [2000, 2000, 500])
        #expect(parts.joined() == text)
    }
}
