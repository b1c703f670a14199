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
    ///
    /// Only candidates are scored: procedures using one of the text's words, and procedures with a
    /// phrase close enough in length to be within the edit distance. Every other procedure has a
    /// phrase score of 0 and so a score of 0.
    public func search(_ text: String) -> ProcedureMatch {
        if let byCode = searchByCode(text) { return byCode }

        let typed = ProcedureIndex.significantWords(text)
        let words = typed.compactMap(index.indexWord).compactMap { index.wordIDs[$0] }
        guard !words.isEmpty else { return .none }
        // Distinct ids in ascending order, so sums of weights come out the same on every run.
        let queryIDs = Array(Set(words)).sorted()
        let query = WordBits(ids: queryIDs, count: index.wordWeights.count)
        let queryWeight = queryIDs.map { index.wordWeights[$0] }.reduce(0, +)

        var isCandidate = Array(repeating: false, count: procedures.count)
        for id in queryIDs {
            for procedure in index.postings[id] { isCandidate[procedure] = true }
        }
        let nearPhrase = proceduresNearPhrase(typed)
        for procedure in nearPhrase.indices where nearPhrase[procedure] { isCandidate[procedure] = true }

        var scores = Array(repeating: 0.0, count: procedures.count)
        for procedure in scores.indices where isCandidate[procedure] {
            scores[procedure] =
                nearPhrase[procedure]
                ? 1 : score(query: query, queryIDs: queryIDs, queryWeight: queryWeight, procedure: procedure)
        }
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
        if let position = index.lowercasedCodes.firstIndex(of: compact) {
            return .matched(procedures[position])
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

    /// Returns, for each procedure, whether the typed words joined by spaces are within an edit
    /// distance of one sixth of a phrase's length, rounded up, of one of its phrases. Texts under 8
    /// characters are never near.
    private func proceduresNearPhrase(_ typed: [String]) -> [Bool] {
        var near = Array(repeating: false, count: procedures.count)
        let joined = SpelledWord(typed.joined(separator: " "))
        guard joined.count >= 8 else { return near }

        for procedure in near.indices {
            near[procedure] = index.phraseKeys[procedure].contains { phrase in
                joined.editDistance(to: phrase.joined, atMost: (phrase.joined.count + 5) / 6) != nil
            }
        }
        return near
    }

    private func score(query: WordBits, queryIDs: [Int], queryWeight: Double, procedure: Int) -> Double {
        var phraseScore = 0.0
        for phrase in index.phraseKeys[procedure] {
            var found = 0.0
            for id in phrase.ids where query.contains(id) { found += index.wordWeights[id] }
            phraseScore = max(phraseScore, phrase.totalWeight > 0 ? found / phrase.totalWeight : 0)
        }
        // A text holding less than half of every phrase, such as "giấy tờ", is too vague to name it.
        guard phraseScore >= Self.minimumPhraseScore else { return 0 }

        let words = index.wordBits[procedure]
        var covered = 0.0
        for id in queryIDs where words.contains(id) { covered += index.wordWeights[id] }
        let coverage = queryWeight > 0 ? covered / queryWeight : 0
        return 0.6 * phraseScore + 0.4 * coverage
    }
}
