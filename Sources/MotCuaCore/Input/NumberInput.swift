/// Numbers typed by citizens, in digits or as a word from "một" to "mười".
public enum NumberInput {
    /// Accepts "3", "-3", "3,5" and "3.5" (both 3.5), "1.000.000" and "1.000" (dots between thousands,
    /// as written in Vietnam), "1.234,5" and "1,234.5". Also accepts the words không (0), một, hai, ba,
    /// bốn/tư, năm/lăm, sáu, bảy, tám, chín and mười (10), with or without diacritics. A trailing count
    /// word such as "trang", "bản", "người" or "cái" is ignored ("3 trang", "ba bản"); anything else
    /// returns nil.
    ///
    /// A single "." followed by exactly three digits separates thousands, so "2.500" is 2500. A single
    /// "," is always the decimal comma, so "2,500" is 2.5.
    public static func parse(_ text: String) -> Double? {
        var words = VietnameseText.normalized(text).split(separator: " ")
        if words.count == 2, unitWords.contains(VietnameseText.foldKey(String(words[1]))) {
            words.removeLast()
        }
        let normalized = words.joined(separator: " ")
        if let value = numberWords[VietnameseText.foldKey(normalized)] {
            return Double(value)
        }

        let compact = normalized.filter { $0 != " " }
        guard !compact.isEmpty, compact.allSatisfy({ $0.isASCII && ($0.isNumber || ".,-+".contains($0)) }) else {
            return nil
        }
        guard let decimal = decimalForm(compact) else { return nil }
        return Double(decimal)
    }

    /// Rewrites `text` with "." as the only decimal separator and no grouping, or nil when the
    /// separators do not form a number.
    private static func decimalForm(_ text: String) -> String? {
        let dots = text.filter { $0 == "." }.count
        let commas = text.filter { $0 == "," }.count
        let patterns = InputPatterns.shared

        switch (dots, commas) {
        case (0, 0):
            return text
        case (0, 1):
            return text.replacingOccurrences(of: ",", with: ".")
        case (_, 0) where text.wholeMatch(of: patterns.dotGroupedNumber) != nil:
            return text.replacingOccurrences(of: ".", with: "")
        case (1, 0):
            return text
        case (_, 1) where text.firstIndex(of: ".")! < text.firstIndex(of: ",")!:
            // 1.234,5 in the Vietnamese style.
            guard text.wholeMatch(of: patterns.dotGroupedDecimal) != nil else { return nil }
            return text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        case (0...1, _):
            // 1,234.5 or 1,000,000 in the English style.
            guard text.wholeMatch(of: patterns.commaGroupedNumber) != nil else { return nil }
            return text.replacingOccurrences(of: ",", with: "")
        default:
            return nil
        }
    }

    /// Count words that may follow a number, folded: trang, bản, người, cái, tờ, con, lần, cuốn, quyển.
    private static let unitWords: Set<String> = ["trang", "ban", "nguoi", "cai", "to", "con", "lan", "cuon", "quyen"]

    private static let numberWords: [String: Int] = [
        "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7,
        "tam": 8, "chin": 9, "muoi": 10,
    ]
}
