/// Helpers for comparing folded keys: word containment, edit distance and Telex leftovers.
extension VietnameseText {
    /// Returns whether the words of `part` appear in `whole` as a contiguous run.
    static func containsWords(_ whole: [Substring], _ part: [Substring]) -> Bool {
        guard !part.isEmpty, part.count <= whole.count else { return false }
        return (0...(whole.count - part.count)).contains { start in
            whole[start..<(start + part.count)].elementsEqual(part)
        }
    }

    /// Returns the Levenshtein distance between `a` and `b`, counted in Characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let source = Array(a)
        let target = Array(b)
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }

        var previous = Array(0...target.count)
        var current = Array(repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }

    /// Returns a folded key with the raw keystrokes of a failed Telex input method removed, so that
    /// "khoong", "dduwowcj" and "chwa" give "khong", "duoc" and "chua".
    ///
    /// Each word of ASCII letters loses one trailing tone key (s f r x j) when it has at least three
    /// letters. Then "dd" becomes "d", the doubled vowels "aa", "ee" and "oo" become one vowel, "w"
    /// after a vowel is dropped, and any other "w" becomes "u". Vietnamese words contain none of these
    /// sequences apart from a few loanwords ("xoong", "boong"). Callers therefore compare these keys
    /// only after a comparison of plain folded keys failed.
    static func telexLeftoverKey(_ foldedKey: String) -> String {
        foldedKey.split(separator: " ").map { removingTelexKeys(String($0)) }.joined(separator: " ")
    }

    private static func removingTelexKeys(_ word: String) -> String {
        guard word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return word }

        var letters = Array(word)
        if letters.count >= 3, let last = letters.last, "sfrxj".contains(last) {
            letters.removeLast()
        }

        var result: [Character] = []
        for letter in letters {
            let previous = result.last
            switch letter {
            case "w":
                if let previous, "aeiouy".contains(previous) { continue }
                result.append("u")
            case "d", "a", "e", "o":
                if previous == letter { continue }
                result.append(letter)
            default:
                result.append(letter)
            }
        }
        return String(result)
    }
}
