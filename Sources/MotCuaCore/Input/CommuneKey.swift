/// The comparison forms of a commune name, an alias or a citizen's reply, without the leading unit
/// word: "Phường Tân Ninh", "P. Tân Ninh" and "phuong tan ninh" all give the folded key "tan ninh".
///
/// "thành phố", "thị xã" and "thị trấn" become "tp", "tx" and "tt" wherever they appear, so that
/// "thành phố Tây Ninh" and "TP. Tây Ninh" compare equal. A leading "thị trấn" is removed like
/// "xã", because a thị trấn of the old map and the new unit usually share the name. After the first
/// word, "tp", "tx", "tt", "huyện" and "tỉnh" are removed, so "phường 1 thành phố Tây Ninh" gives
/// "1 tay ninh" and "Thạnh Phước huyện Gò Dầu" gives "thanh phuoc go dau".
struct CommuneKey {
    /// Lowercased words with their diacritics, in the new tone style.
    let exact: String
    let folded: String
    /// The folded key without Telex leftovers ("taan ninh" gives "tan ninh").
    let telex: String
    let words: [Substring]
    let letterCount: Int
    /// The kind named by the leading unit word ("xã", "phường", "đặc khu"), if any.
    let kind: String?

    init(_ text: String) {
        let lowercased = VietnameseText.normalized(text).lowercased()
        let spaced = String(lowercased.map { $0.isLetter || $0.isNumber ? $0 : " " })
        var exactWords = spaced.split(separator: " ").map(String.init)
        var foldedWords = exactWords.map(VietnameseText.foldKey)

        if let first = foldedWords.first, first.count > 1, "pf".contains(first.first!),
            first.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
        {
            // "P1" and "F1" are the usual short forms of "phường 1".
            exactWords.replaceSubrange(0...0, with: ["p", String(first.dropFirst())])
            foldedWords.replaceSubrange(0...0, with: ["p", String(first.dropFirst())])
        }

        var index = 0
        while index + 1 < foldedWords.count {
            if let short = Self.shortForms[foldedWords[index] + " " + foldedWords[index + 1]] {
                foldedWords.replaceSubrange(index...(index + 1), with: [short])
                exactWords.replaceSubrange(index...(index + 1), with: [short])
            }
            index += 1
        }

        var kind: String?
        while foldedWords.count > 1, let unit = Self.leadingUnit(foldedWords) {
            foldedWords.removeFirst(unit.length)
            exactWords.removeFirst(unit.length)
            kind = unit.kind ?? kind
        }

        for index in foldedWords.indices.dropFirst().reversed() where Self.interiorMarkers.contains(foldedWords[index])
        {
            foldedWords.remove(at: index)
            exactWords.remove(at: index)
        }

        self.exact = exactWords.joined(separator: " ")
        self.folded = foldedWords.joined(separator: " ")
        self.telex = VietnameseText.telexLeftoverKey(folded)
        self.words = folded.split(separator: " ")
        self.letterCount = folded.filter(\.isLetter).count
        self.kind = kind
    }

    /// Returns the number of words of the unit word at the start of `words` and the kind it names.
    private static func leadingUnit(_ words: [String]) -> (length: Int, kind: String?)? {
        if words.count > 2, words[0] == "dac", words[1] == "khu" {
            return (2, "đặc khu")
        }
        switch words[0] {
        case "xa", "x": return (1, "xã")
        case "phuong", "p": return (1, "phường")
        case "tt": return (1, nil)
        default: return nil
        }
    }

    private static let interiorMarkers: Set<String> = ["tp", "tx", "tt", "huyen", "tinh"]

    private static let shortForms: [String: String] = ["thanh pho": "tp", "thi xa": "tx", "thi tran": "tt"]
}
