/// Replies to a multiple-choice question whose options are shown numbered from 1.
public enum ChoiceInput {
    /// Returns the index in `options` of the chosen option, or nil when no option or several options
    /// match. The rules are tried in order, and the first that matches decides:
    /// 1. the option number, from 1: "2", "2.", "số 2", "chọn 2", "số hai";
    /// 2. equality with a label, value or synonym, with diacritics, then without (folded keys);
    /// 3. equality of folded keys once Telex leftovers are removed ("nuwx" for "Nữ");
    /// 4. a name that contains the reply as whole words, or the reverse ("tôi chọn nữ");
    /// 5. the closest name within an edit distance of 1 per 5 characters of that name, rounded up
    ///    ("nam nu" for "nam nữ"); names under 4 letters allow only an extra letter ("nuu", "namm"),
    ///    since "da" is one changed letter from both "ba" and "ma".
    public static func match(_ text: String, options: [ChoiceOption]) -> Int? {
        let answer = VietnameseText.normalized(text)
        let answerKey = VietnameseText.foldKey(answer)
        guard !answerKey.isEmpty, !options.isEmpty else { return nil }

        if let number = optionNumber(answerKey), (1...options.count).contains(number) {
            return number - 1
        }

        let lowercasedAnswer = answer.lowercased()
        let answerTelexKey = VietnameseText.telexLeftoverKey(answerKey)
        let answerWords = answerKey.split(separator: " ")
        let keyedOptions = options.map { option in
            option.names.map { KeyedName(VietnameseText.normalized($0)) }.filter { !$0.folded.isEmpty }
        }
        let rules: [(KeyedName) -> Bool] = [
            { $0.lowercased == lowercasedAnswer },
            { $0.folded == answerKey },
            { $0.telex == answerTelexKey },
            { containsEitherWay($0.words, answerWords) },
        ]
        for rule in rules {
            let matching = keyedOptions.indices.filter { keyedOptions[$0].contains(where: rule) }
            if matching.count == 1 { return matching[0] }
            if matching.count > 1 { return nil }
        }

        return closestOption(to: answerKey, keyedOptions: keyedOptions)
    }

    /// Returns the option number in "2", "số 2", "chọn 2", "phương án 2" or "số hai", or nil.
    private static func optionNumber(_ key: String) -> Int? {
        var words = key.split(separator: " ")
        while words.count > 1, let first = words.first, numberPrefixes.contains(first) {
            words.removeFirst()
        }
        guard words.count == 1 else { return nil }

        let word = String(words[0])
        if word.allSatisfy({ $0.isASCII && $0.isNumber }), word.count <= 3 {
            return Int(word)
        }
        return key.hasPrefix("so ") ? numberWords[word] : nil
    }

    private static func containsEitherWay(_ nameWords: [Substring], _ answerWords: [Substring]) -> Bool {
        VietnameseText.containsWords(nameWords, answerWords) || VietnameseText.containsWords(answerWords, nameWords)
    }

    private static func closestOption(to answerKey: String, keyedOptions: [[KeyedName]]) -> Int? {
        var best: (distance: Int, options: Set<Int>) = (Int.max, [])
        for (index, names) in keyedOptions.enumerated() {
            for name in names {
                let distance = VietnameseText.editDistance(answerKey, name.folded)
                let isShort = name.folded.count < 4
                let allowed = isShort && answerKey.count <= name.folded.count ? 0 : (name.folded.count + 4) / 5
                guard distance <= allowed else { continue }
                if distance < best.distance {
                    best = (distance, [index])
                } else if distance == best.distance {
                    best.options.insert(index)
                }
            }
        }
        return best.options.count == 1 ? best.options.first : nil
    }

    /// Words that may precede an option number: "số", "chọn", "câu", "phương án", "mục", "cái".
    private static let numberPrefixes: Set<Substring> = ["so", "chon", "cau", "phuong", "an", "muc", "cai", "lua"]

    /// Number words, accepted only after "số" ("số hai"), because "ba" or "chọn nam" may name an option.
    private static let numberWords: [String: Int] = [
        "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
        "muoi": 10,
    ]
}

/// The comparison keys of one option name.
private struct KeyedName {
    /// The normalized name in lower case, with its diacritics.
    let lowercased: String
    let folded: String
    let telex: String
    let words: [Substring]

    init(_ normalizedName: String) {
        lowercased = normalizedName.lowercased()
        folded = VietnameseText.foldKey(normalizedName)
        telex = VietnameseText.telexLeftoverKey(folded)
        words = folded.split(separator: " ")
    }
}
