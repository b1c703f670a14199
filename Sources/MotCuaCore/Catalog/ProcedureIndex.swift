import Foundation

/// The search keys of a catalog: each procedure's phrases (short name, name, keywords) as folded
/// words, and a weight per word that is higher for words few procedures use.
struct ProcedureIndex: Sendable {
    /// The phrases of each procedure, in catalog order, without filler words.
    let phrases: [[[String]]]
    /// The words of each procedure's phrases.
    let wordSets: [Set<String>]
    /// Inverse document frequency, ln(1 + procedures / procedures using the word).
    let weights: [String: Double]
    /// Procedure codes as digits only, such as "1001193", for codes typed without dots.
    let codeDigits: [String]

    init(procedures: [Procedure]) {
        self.init(procedures: procedures, phrases: procedures.map(Self.phrases))
    }

    /// Builds the index from phrases already computed by `phrases(of:)`, one entry per procedure in
    /// the same order, so a catalog that grows one procedure at a time folds each text only once.
    init(procedures: [Procedure], phrases: [[[String]]]) {
        self.phrases = phrases
        wordSets = phrases.map { Set($0.joined()) }

        var counts: [String: Int] = [:]
        for words in wordSets {
            for word in words { counts[word, default: 0] += 1 }
        }
        let total = Double(procedures.count)
        weights = counts.mapValues { log(1 + total / Double($0)) }
        codeDigits = procedures.map { $0.code.filter(\.isNumber) }
    }

    /// Returns the procedure's short name, name and keywords as lists of significant folded words.
    static func phrases(of procedure: Procedure) -> [[String]] {
        ([procedure.shortName, procedure.name] + procedure.keywords)
            .map(significantWords)
            .filter { !$0.isEmpty }
    }

    func weight(_ word: String) -> Double {
        weights[word] ?? 0
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
    /// from 8 letters.
    func indexWord(for word: String) -> String? {
        if weights[word] != nil { return word }
        let telex = VietnameseText.telexLeftoverKey(word)
        if weights[telex] != nil { return telex }
        guard word.count >= 4 else { return nil }

        let allowed = word.count >= 8 ? 2 : 1
        var best: (word: String, distance: Int)?
        for candidate in weights.keys.sorted() where candidate.first == word.first && candidate.count >= 4 {
            let distance = VietnameseText.editDistance(word, candidate)
            if distance <= allowed, distance < best?.distance ?? Int.max {
                best = (candidate, distance)
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
