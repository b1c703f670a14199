/// A person's full name.
public enum NameInput {
    /// Returns the name normalized and title-cased: "nguyen van an" gives "Nguyen Van An", and
    /// "trần THỊ bích" gives "Trần Thị Bích". The name must have 1 to 8 words and at most 80 characters.
    /// Each word starts with a letter and contains only letters (with or without diacritics), hyphens
    /// and apostrophes. Returns nil otherwise. A single word is accepted, and the flow decides whether
    /// to ask for the full name.
    ///
    /// A polite "dạ", "vâng" or "thưa", an introduction before the name ("tên tôi là …", "tôi tên …",
    /// "họ tên: …") and a polite "ạ" after it are removed first, because no Vietnamese name starts with
    /// those words.
    public static func parse(_ text: String) -> String? {
        var words = VietnameseText.normalized(text).split(separator: " ")
        if words.count > 1, politeWords.contains(VietnameseText.foldKey(String(words[0]))) {
            words.removeFirst()
        }
        let keys = words.map { VietnameseText.foldKey(String($0)) }
        if let introduction = introductions.first(where: { keys.starts(with: $0) }) {
            words.removeFirst(introduction.count)
        }
        if words.count > 1, words.last == "ạ" || words.last == "Ạ" {
            words.removeLast()
        }

        let name = words.joined(separator: " ")
        guard (1...8).contains(words.count), name.count <= 80 else { return nil }
        for word in words {
            guard let first = word.first, first.isLetter,
                word.allSatisfy({ $0.isLetter || $0 == "-" || VietnameseText.wordJoiningApostrophes.contains($0) })
            else { return nil }
        }
        return VietnameseText.titleCased(name)
    }

    /// Folded word sequences that introduce a name, longest first so that "tên tôi là" wins over "tên".
    private static let introductions: [[String]] = [
        ["ho", "va", "ten", "la"], ["ho", "ten", "toi", "la"], ["ten", "toi", "la"], ["toi", "ten", "la"],
        ["ho", "ten", "la"], ["ho", "ten"], ["ten", "la"], ["toi", "la"], ["toi", "ten"], ["em", "ten", "la"],
        ["chau", "ten", "la"], ["con", "ten", "la"],
    ]

    /// Folded words of respect that may open a reply: "dạ", "vâng", "thưa".
    private static let politeWords: Set<String> = ["da", "vang", "thua"]
}
