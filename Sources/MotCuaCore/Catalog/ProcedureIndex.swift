import Foundation

/// The search keys of a catalog: each procedure's phrases (short name, name, keywords) as folded
/// words, and a weight per word that is higher for words few procedures use.
///
/// Words are numbered at build time, so a search works on integer ids and arrays. The index keeps
/// postings from each word to the procedures using it, each phrase as ids with its total weight,
/// and the index words grouped by first character for the typo-tolerant lookup.
struct ProcedureIndex: Sendable {
    /// The phrases of each procedure, in catalog order, without filler words.
    let phrases: [[[String]]]
    /// Inverse document frequency, ln(1 + procedures / procedures using the word).
    let weights: [String: Double]
    /// Procedure codes as digits only, such as "1001193", for codes typed without dots.
    let codeDigits: [String]
    /// Procedure codes in lower case, for codes typed in capitals.
    let lowercasedCodes: [String]

    /// The id of each index word; ids number the words in sorted order.
    let wordIDs: [String: Int]
    /// Each word's weight, by id.
    let wordWeights: [Double]
    /// The procedures whose phrases use each word, by id, in catalog order.
    let postings: [[Int]]
    /// Each procedure's phrases as word ids, with their total weight and joined text.
    let phraseKeys: [[PhraseKey]]
    /// Each procedure's words as a bit set over word ids.
    let wordBits: [WordBits]
    /// Index words of at least 4 characters, grouped by first character, in sorted order, for
    /// `indexWord(for:)`.
    let typoCandidates: [Character: [SpelledWord]]

    init(procedures: [Procedure]) {
        self.init(procedures: procedures, phrases: procedures.map(Self.phrases))
    }

    /// Builds the index from phrases already computed by `phrases(of:)`, one entry per procedure in
    /// the same order, so a catalog that grows one procedure at a time folds each text only once.
    init(procedures: [Procedure], phrases: [[[String]]]) {
        self.phrases = phrases
        let wordSets = phrases.map { Set($0.joined()) }

        var counts: [String: Int] = [:]
        for words in wordSets {
            for word in words { counts[word, default: 0] += 1 }
        }
        let total = Double(procedures.count)
        weights = counts.mapValues { log(1 + total / Double($0)) }
        codeDigits = procedures.map { $0.code.filter(\.isNumber) }
        lowercasedCodes = procedures.map { $0.code.lowercased() }

        let sortedWords = weights.keys.sorted()
        var wordIDs: [String: Int] = [:]
        for (id, word) in sortedWords.enumerated() { wordIDs[word] = id }
        self.wordIDs = wordIDs
        wordWeights = sortedWords.map { counts[$0].map { log(1 + total / Double($0)) } ?? 0 }

        var postings = Array(repeating: [Int](), count: sortedWords.count)
        for (procedure, words) in wordSets.enumerated() {
            for id in words.compactMap({ wordIDs[$0] }).sorted() { postings[id].append(procedure) }
        }
        self.postings = postings
        wordBits = wordSets.map { WordBits(ids: $0.compactMap { wordIDs[$0] }, count: sortedWords.count) }

        let weightsByID = wordWeights
        phraseKeys = phrases.map { procedurePhrases in
            procedurePhrases.map { phrase in
                let ids = phrase.compactMap { wordIDs[$0] }
                // Summed in phrase order, as the score always summed a phrase's weights.
                let totalWeight = ids.map { weightsByID[$0] }.reduce(0, +)
                return PhraseKey(ids: ids, totalWeight: totalWeight, joined: SpelledWord(phrase.joined(separator: " ")))
            }
        }

        var typoCandidates: [Character: [SpelledWord]] = [:]
        for word in sortedWords where word.count >= 4 {
            typoCandidates[word.first!, default: []].append(SpelledWord(word))
        }
        self.typoCandidates = typoCandidates
    }

    /// Returns the procedure's short name, name and keywords as lists of significant folded words.
    static func phrases(of procedure: Procedure) -> [[String]] {
        ([procedure.shortName, procedure.name] + procedure.keywords)
            .map(significantWords)
            .filter { !$0.isEmpty }
    }

    /// Returns the folded words of `text` without the filler words of a request, with "kí" spelt "ký".
    static func significantWords(_ text: String) -> [String] {
        VietnameseText.foldKey(text).split(separator: " ").map(String.init)
            .filter { !fillerWords.contains($0) }
            .map { $0 == "ki" ? "ky" : $0 }
    }

    /// Returns the index word that a typed word stands for, or nil. The word itself comes first, then
    /// its form without Telex leftovers ("kest" gives "ket"). Last comes the closest index word that
    /// starts with the same letter, within an edit distance of 1 for words of 4 to 7 letters and 2
    /// from 8 letters; of equally close words, the first in sorted order.
    func indexWord(for word: String) -> String? {
        if weights[word] != nil { return word }
        let telex = VietnameseText.telexLeftoverKey(word)
        if weights[telex] != nil { return telex }
        guard word.count >= 4, let first = word.first, let candidates = typoCandidates[first] else { return nil }

        let typed = SpelledWord(word)
        let allowed = typed.count >= 8 ? 2 : 1
        var best: (word: String, distance: Int)?
        for candidate in candidates {
            let limit = min(allowed, (best?.distance ?? Int.max) - 1)
            guard limit >= 0 else { break }
            if let distance = typed.editDistance(to: candidate, atMost: limit) {
                best = (candidate.text, distance)
            }
        }
        return best?.word
    }

    /// Folded words that carry no meaning for the search: requests ("xin", "muốn", "cần"), pronouns
    /// and kin terms ("cho ba", "cho con"), particles, and "thủ tục" itself.
    static let fillerWords: Set<String> = [
        "toi", "em", "chau", "minh", "bac", "anh", "chi", "co", "chu", "ong", "ba", "bo", "me", "cha", "con",
        "vo", "chong", "xin", "muon", "can", "phai", "di", "ve", "viec", "cho", "cua", "la", "va", "voi", "o",
        "de", "thi", "a", "nhe", "gi", "nao", "nhu", "lam", "thu", "tuc", "duoc", "khong", "ko", "da", "vang",
        "oi", "giup", "tai",
    ]
}

/// One phrase of a procedure in the index.
struct PhraseKey: Sendable {
    /// The phrase's words as ids, in phrase order, repeats kept.
    let ids: [Int]
    /// The sum of the words' weights, in phrase order.
    let totalWeight: Double
    /// The words joined by single spaces, for the whole-phrase typo check.
    let joined: SpelledWord
}

/// A set of word ids stored as bits.
struct WordBits: Sendable {
    private var words: [UInt64]

    init(ids: [Int], count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        for id in ids { words[id >> 6] |= 1 << UInt64(id & 63) }
    }

    func contains(_ id: Int) -> Bool {
        words[id >> 6] & (1 << UInt64(id & 63)) != 0
    }
}
