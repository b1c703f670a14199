/// Moves the tone mark of each Vietnamese syllable to one canonical vowel.
///
/// The rule, applied to the vowels of the syllable after a "gi" or "qu" onset:
/// - a vowel with a shape mark (ă â ê ô ơ ư) takes the tone, the last one when there are two ("người");
/// - otherwise a single vowel takes it, and the middle one of three ("ngoài");
/// - of two vowels, the second takes it in "oa", "oe" and "uy" (the new style: "hoà", "khoẻ", "thuỷ")
///   and before a final consonant ("toán"), and the first takes it otherwise ("mái", "múa").
///
/// A syllable is left unchanged unless it is a run of Latin letters shaped like a Vietnamese syllable
/// (onset, one to three adjacent vowels, final consonant) carrying exactly one tone mark, so foreign
/// words such as "José" keep their accents.
extension VietnameseText {
    static func placingTones(in s: String) -> String {
        var letters: [MarkedLetter] = []
        var output = String.UnicodeScalarView()

        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar), !letters.isEmpty {
                letters[letters.count - 1].marks.append(scalar)
            } else if scalar.properties.isAlphabetic, !isCombiningMark(scalar) {
                letters.append(MarkedLetter(base: scalar))
            } else {
                flush(&letters, into: &output)
                output.append(scalar)
            }
        }
        flush(&letters, into: &output)
        return String(output)
    }

    private static func flush(_ letters: inout [MarkedLetter], into output: inout String.UnicodeScalarView) {
        guard !letters.isEmpty else { return }
        var syllable = letters
        moveTone(in: &syllable)
        for letter in syllable {
            output.append(contentsOf: letter.scalars)
        }
        letters.removeAll()
    }

    private static func moveTone(in syllable: inout [MarkedLetter]) {
        guard syllable.allSatisfy(\.hasOnlyVietnameseMarks) else { return }
        let toneHolders = syllable.indices.filter { syllable[$0].tone != nil }
        guard toneHolders.count == 1, let source = toneHolders.first else { return }
        guard let target = toneTarget(in: syllable), target != source else { return }

        let tone = syllable[source].tone!
        syllable[source].marks.removeAll { $0 == tone }
        syllable[target].marks.append(tone)
    }

    /// Returns the index of the letter that should carry the tone, or nil when the letters do not
    /// form a Vietnamese syllable.
    private static func toneTarget(in syllable: [MarkedLetter]) -> Int? {
        let bases = syllable.map(\.lowercasedBase)
        guard let firstVowel = bases.firstIndex(where: { vowelBases.contains($0) }) else { return nil }
        let afterVowels = bases[firstVowel...].firstIndex(where: { !vowelBases.contains($0) }) ?? bases.count

        let onset = String(String.UnicodeScalarView(bases[..<firstVowel]))
        let coda = String(String.UnicodeScalarView(bases[afterVowels...]))
        guard onsets.contains(onset), codas.contains(coda) else { return nil }

        var vowels = Array(firstVowel..<afterVowels)
        let startsWithGlide = (onset == "g" && bases[firstVowel] == "i") || (onset == "q" && bases[firstVowel] == "u")
        if startsWithGlide && vowels.count >= 2 {
            vowels.removeFirst()
        } else if onset == "q" {
            return nil
        }
        guard (1...3).contains(vowels.count) else { return nil }

        if let shaped = vowels.last(where: { syllable[$0].hasShapeMark }) {
            return shaped
        }
        switch vowels.count {
        case 1: return vowels[0]
        case 3: return vowels[1]
        default:
            let pair = String(String.UnicodeScalarView(vowels.map { bases[$0] }))
            let onSecond = secondVowelPairs.contains(pair) || !coda.isEmpty
            return onSecond ? vowels[1] : vowels[0]
        }
    }

    private static let vowelBases: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]

    private static let onsets: Set<String> = [
        "", "b", "c", "ch", "d", "\u{0111}", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
        "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
    ]

    private static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

    /// Vowel pairs whose tone sits on the second vowel in the new style even without a final consonant.
    private static let secondVowelPairs: Set<String> = ["oa", "oe", "uy"]
}

/// One base letter with its combining marks, in decomposed form.
private struct MarkedLetter {
    static let toneMarks: Set<Unicode.Scalar> = ["\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]
    /// Circumflex (â ê ô), breve (ă) and horn (ơ ư).
    static let shapeMarks: Set<Unicode.Scalar> = ["\u{0302}", "\u{0306}", "\u{031B}"]

    var base: Unicode.Scalar
    var marks: [Unicode.Scalar] = []

    var lowercasedBase: Unicode.Scalar {
        base.properties.lowercaseMapping.unicodeScalars.first ?? base
    }

    var tone: Unicode.Scalar? { marks.first { Self.toneMarks.contains($0) } }

    var hasShapeMark: Bool { marks.contains { Self.shapeMarks.contains($0) } }

    var hasOnlyVietnameseMarks: Bool {
        marks.allSatisfy { Self.toneMarks.contains($0) || Self.shapeMarks.contains($0) }
            && (marks.filter { Self.toneMarks.contains($0) }.count <= 1)
    }

    /// The base, then shape marks, then the tone. Circumflex and the tones above share a combining
    /// class, so this order is what makes NFC compose "ế" and not "é" followed by a circumflex.
    var scalars: [Unicode.Scalar] {
        [base] + marks.filter { Self.shapeMarks.contains($0) } + marks.filter { !Self.shapeMarks.contains($0) }
    }
}
