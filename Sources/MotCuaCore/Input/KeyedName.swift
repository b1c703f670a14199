/// The comparison keys of one option name.
struct KeyedName: Sendable {
    /// The normalized name in lower case, with its diacritics.
    let lowercased: String
    let folded: String
    let telex: String
    let words: [Substring]
    /// The folded name prepared for edit distances.
    let spelled: SpelledWord

    init(_ normalizedName: String) {
        lowercased = normalizedName.lowercased()
        folded = VietnameseText.foldKey(normalizedName)
        telex = VietnameseText.telexLeftoverKey(folded)
        words = folded.split(separator: " ")
        spelled = SpelledWord(folded)
    }
}
