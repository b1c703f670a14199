import MotCuaChannels
import Testing

struct TelegramSplitTests {
    static let limit = TelegramSender.maxTextUTF16Units

    @Test func shortTextIsOnePart() {
        #expect(TelegramTextSplitter.split("Xin chào 👋", maxUTF16Units: Self.limit) == ["Xin chào 👋"])
    }

    @Test func exactLimitIsOnePart() {
        let text = String(repeating: "😀", count: Self.limit / 2)
        #expect(text.utf16.count == Self.limit)
        #expect(TelegramTextSplitter.split(text, maxUTF16Units: Self.limit) == [text])
    }

    /// Each word mixes Vietnamese letters, a combining mark without a precomposed form, a two-unit
    /// emoji and a family emoji of 11 UTF-16 units, so a cut by Characters would overshoot the limit.
    @Test func splitCountsUTF16AndKeepsGraphemes() {
        let word = "Việt x\u{301}😀👨‍👩‍👧‍👦"
        let words = (1...400).map { "\(word)\($0)" }
        let text = words.joined(separator: " ")
        #expect(text.count < Self.limit * 2)
        #expect(text.utf16.count > Self.limit * 2)

        let parts = TelegramTextSplitter.split(text, maxUTF16Units: Self.limit)

        #expect(parts.count == 3)
        for part in parts {
            #expect(part.utf16.count <= Self.limit)
            #expect(part.unicodeScalars.first?.properties.isGraphemeExtend == false)
            #expect(part.first?.isWhitespace == false)
            #expect(part.last?.isWhitespace == false)
        }
        // Every word arrives whole and in order, so no emoji sequence or combining mark was cut.
        #expect(parts.joined(separator: " ") == text)
        #expect(Array(parts.joined(separator: " ").unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test func runWithoutSpacesIsCutBetweenEmoji() {
        let text = String(repeating: "👍🏽", count: 2000)
        let parts = TelegramTextSplitter.split(text, maxUTF16Units: Self.limit)

        // Each emoji with its skin tone is 4 UTF-16 units, so 1,024 fit in one part.
        #expect(parts.map(\.count) == [1024, 976])
        #expect(parts.allSatisfy { $0.utf16.count <= Self.limit })
        #expect(parts.joined() == text)
    }

    @Test func splitPrefersLineBreakInSecondHalf() {
        let firstParagraph = String(repeating: "ả ", count: 1200) + "cuối"
        let text = firstParagraph + "\n" + String(repeating: "cd ", count: 800)

        let parts = TelegramTextSplitter.split(text, maxUTF16Units: Self.limit)

        #expect(parts.first == firstParagraph)
        #expect(parts.allSatisfy { $0.utf16.count <= Self.limit })
    }
}
