extension ProcedureCatalog {
    /// Finds the procedure a citizen means.
    ///
    /// A code ("1.001193", "1 001193", "1001193", or a provincial code such as
    /// "1.004873.000.00.00.H01") is looked up by its first seven digits, and a slug code by equality.
    /// Other text is scored against each procedure's short name, name and keywords, as folded words
    /// without filler words ("xin", "cho con", "thủ tục"):
    /// - the phrase score is the best share of one phrase's word weight that the text contains;
    /// - the coverage is the share of the text's known word weight that the procedure uses anywhere;
    /// - the score is 0.6 × phrase score + 0.4 × coverage, where words used by fewer procedures
    ///   weigh more, and a typed word may differ from an indexed one by a typo (see `indexWord`).
    /// A text within a small edit distance of a whole phrase scores 1 for that procedure.
    /// A procedure whose best phrase score is under 0.5, or whose score is under 0.5, does not count,
    /// and procedures scoring at least 0.85 of the best are `.several`.
    public func search(_ text: String) -> ProcedureMatch {
        if let byCode = searchByCode(text) { return byCode }

        let typed = ProcedureIndex.significantWords(text)
        let words = typed.compactMap(index.indexWord)
        guard !words.isEmpty else { return .none }

        let scores = procedures.indices.map { score(words, typed: typed, procedure: $0) }
        guard let best = scores.max(), best >= Self.minimumScore else { return .none }

        // Best first; equal scores in short-name order, so buttons come out the same on every run.
        let close = scores.indices
            .filter { scores[$0] >= best * Self.severalRatio }
            .sorted { lhs, rhs in
                scores[lhs] != scores[rhs]
                    ? scores[lhs] > scores[rhs] : procedures[lhs].shortName < procedures[rhs].shortName
            }
        if close.count == 1 { return .matched(procedures[close[0]]) }
        return .several(close.prefix(Self.maximumChoices).map { procedures[$0] })
    }

    static let minimumScore = 0.5
    static let minimumPhraseScore = 0.5
    static let severalRatio = 0.85
    /// Buttons offered at most when several procedures fit.
    static let maximumChoices = 5

    private func searchByCode(_ text: String) -> ProcedureMatch? {
        let compact = String(text.lowercased().filter { !$0.isWhitespace })
        if let procedure = procedures.first(where: { $0.code.lowercased() == compact }) {
            return .matched(procedure)
        }
        guard let first = compact.first, first.isNumber else { return nil }

        let leading = compact.prefix { $0.isNumber || $0 == "." }
        let digits = leading.filter(\.isNumber)
        guard digits.count >= 7 else { return nil }
        let national = String(digits.prefix(7))
        if let position = index.codeDigits.firstIndex(of: national) {
            return .matched(procedures[position])
        }
        // A text that starts with a code names no other procedure, so free-text search is skipped.
        return ProcedureMatch.none
    }

    private func score(_ words: [String], typed: [String], procedure: Int) -> Double {
        let phrases = index.phrases[procedure]
        let joined = typed.joined(separator: " ")
        let nearPhrase =
            joined.count >= 8
            && phrases.contains { phrase in
                let target = phrase.joined(separator: " ")
                return VietnameseText.editDistance(joined, target) <= (target.count + 5) / 6
            }
        if nearPhrase { return 1 }

        let queryWords = Set(words)
        let phraseScore =
            phrases.map { phrase in
                let total = phrase.map(index.weight).reduce(0, +)
                let found = phrase.filter(queryWords.contains).map(index.weight).reduce(0, +)
                return total > 0 ? found / total : 0
            }.max() ?? 0
        // A text holding less than half of every phrase, such as "giấy tờ", is too vague to name it.
        guard phraseScore >= Self.minimumPhraseScore else { return 0 }

        let queryWeight = queryWords.map(index.weight).reduce(0, +)
        let covered = queryWords.filter(index.wordSets[procedure].contains).map(index.weight).reduce(0, +)
        let coverage = queryWeight > 0 ? covered / queryWeight : 0
        return 0.6 * phraseScore + 0.4 * coverage
    }
}
