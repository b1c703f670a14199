/// Replies to a multiple-choice question whose options are shown numbered from 1.
public enum ChoiceInput {
    /// Returns the index in `options` of the chosen option, or nil when no option or several options
    /// match. `resolve` lists the rules and separates an ambiguous reply from an unmatched one.
    public static func match(_ text: String, options: [ChoiceOption]) -> Int? {
        if case .matched(let index) = resolve(text, options: options) {
            return index
        }
        return nil
    }

    /// Returns the option that a reply names, the options it names equally well, or none.
    /// The rules are tried in order, and the first that matches one or more options decides:
    /// 1. the option number, from 1: "2", "2.", "số 2", "chọn 2", "số hai";
    /// 2. equality with a label, value or synonym, with diacritics, then without (folded keys);
    /// 3. equality of folded keys once Telex leftovers are removed ("nuwx" for "Nữ");
    /// 4. a name that contains the reply as whole words, or the reverse ("tôi chọn nữ");
    /// 5. the closest name within an edit distance of 1 per 5 characters of that name, rounded up
    ///    ("nam nu" for "nam nữ"). Names under 4 letters allow only an extra letter ("nuu", "namm"),
    ///    since "da" is one changed letter from both "ba" and "ma";
    /// 6. a word of the reply that appears in the names of two or more options ("ông bà" for "Ông nội"
    ///    and "Bà nội"), which gives `.ambiguous` only, because one shared word is too weak a sign to
    ///    pick a single option.
    public static func resolve(_ text: String, options: [ChoiceOption]) -> ChoiceMatch {
        let answer = VietnameseText.normalized(text)
        let answerKey = VietnameseText.foldKey(answer)
        guard !answerKey.isEmpty, !options.isEmpty else { return .none }

        if let number = optionNumber(answerKey), (1...options.count).contains(number) {
            return .matched(number - 1)
        }

        let lowercasedAnswer = answer.lowercased()
        let answerTelexKey = VietnameseText.telexLeftoverKey(answerKey)
        let answerWords = answerKey.split(separator: " ")
        let keyedOptions = options.map(\.keyedNames)
        let rules: [(KeyedName) -> Bool] = [
            { $0.lowercased == lowercasedAnswer },
            { $0.folded == answerKey },
            { $0.telex == answerTelexKey },
            { containsEitherWay($0.words, answerWords) },
        ]
        for rule in rules {
            let matching = keyedOptions.indices.filter { keyedOptions[$0].contains(where: rule) }
            if let result = choiceMatch(matching) { return result }
        }

        if let result = choiceMatch(closestOptions(to: answerKey, keyedOptions: keyedOptions)) {
            return result
        }

        let sharingAWord = optionsSharingAWord(answerWords, keyedOptions: keyedOptions)
        return sharingAWord.count > 1 ? .ambiguous(sharingAWord) : .none
    }

    private static func choiceMatch(_ indexes: [Int]) -> ChoiceMatch? {
        switch indexes.count {
        case 0: return nil
        case 1: return .matched(indexes[0])
        default: return .ambiguous(indexes)
        }
    }

    /// Returns the option number in "2", "số 2", "chọn 2", "phương án 2", "số hai" or "dạ số 2 ạ", or nil.
    private static func optionNumber(_ key: String) -> Int? {
        var words = key.split(separator: " ")
        while words.count > 1, let last = words.last, trailingParticles.contains(last) {
            words.removeLast()
        }
        while words.count > 1, let first = words.first, leadingPoliteWords.contains(first) {
            words.removeFirst()
        }
        let isSpoken = words.count >= 2 && words[words.count - 2] == "so"
        while words.count > 1, let first = words.first, numberPrefixes.contains(first) {
            words.removeFirst()
        }
        guard words.count == 1 else { return nil }

        let word = String(words[0])
        if word.allSatisfy({ $0.isASCII && $0.isNumber }), word.count <= 3 {
            return Int(word)
        }
        return isSpoken ? numberWords[word] : nil
    }

    private static func containsEitherWay(_ nameWords: [Substring], _ answerWords: [Substring]) -> Bool {
        VietnameseText.containsWords(nameWords, answerWords) || VietnameseText.containsWords(answerWords, nameWords)
    }

    /// Returns the indexes of the options with a name at the smallest allowed edit distance.
    private static func closestOptions(to answerKey: String, keyedOptions: [[KeyedName]]) -> [Int] {
        var best: (distance: Int, options: Set<Int>) = (Int.max, [])
        let answer = SpelledWord(answerKey)
        for (index, names) in keyedOptions.enumerated() {
            for name in names {
                let isShort = name.spelled.count < 4
                let allowed = isShort && answer.count <= name.spelled.count ? 0 : (name.spelled.count + 4) / 5
                guard let distance = answer.editDistance(to: name.spelled, atMost: allowed) else { continue }
                if distance < best.distance {
                    best = (distance, [index])
                } else if distance == best.distance {
                    best.options.insert(index)
                }
            }
        }
        return best.options.sorted()
    }

    /// Returns the indexes of the options whose names contain a word of the reply, ignoring the filler
    /// words of a reply such as "tôi", "chọn" and "hay".
    private static func optionsSharingAWord(_ answerWords: [Substring], keyedOptions: [[KeyedName]]) -> [Int] {
        let significant = Set(answerWords.filter { !fillerWords.contains($0) })
        guard !significant.isEmpty else { return [] }
        return keyedOptions.indices.filter { index in
            keyedOptions[index].contains { name in name.words.contains(where: significant.contains) }
        }
    }

    /// "dạ", "vâng", "thưa" and the pronouns a citizen uses for themself, before an option number.
    private static let leadingPoliteWords: Set<Substring> = ["da", "vang", "thua", "toi", "em", "chau", "con"]

    private static let trailingParticles: Set<Substring> = ["a", "ah", "nhe", "nha", "nhen", "ha"]

    /// Words that may precede an option number: "số", "chọn", "câu", "phương án", "mục", "cái".
    private static let numberPrefixes: Set<Substring> = ["so", "chon", "cau", "phuong", "an", "muc", "cai", "lua"]

    /// Folded words that carry no meaning of their own in a reply: "dạ", "tôi", "chọn", "hay", "hoặc", "và".
    private static let fillerWords: Set<Substring> = [
        "a", "da", "vang", "thua", "toi", "em", "chau", "con", "chon", "la", "cua", "hay", "hoac", "va", "voi",
        "nhe", "nha", "ca",
    ]

    /// Number words, accepted only after "số" ("số hai"), because "ba" or "chọn nam" may name an option.
    private static let numberWords: [String: Int] = [
        "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
        "muoi": 10,
    ]
}
