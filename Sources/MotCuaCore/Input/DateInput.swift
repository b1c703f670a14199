/// Dates typed by citizens, always day first.
public enum DateInput {
    /// Understands 05/03/2025, 5/3/25, 5-3-2025, 5.3.2025, 5 3 2025, 05032025, 050325, 2025-03-05,
    /// "ngày 5 tháng 3 năm 2025", "mùng 5 tháng 3 năm 2025", "5 thang 3 nam 2025", "5/3/59",
    /// and "hôm nay", "hôm qua", "hôm kia", "ngày mai" relative to `today`.
    /// A two-digit year is the most recent year ending in those digits and not after today's year:
    /// "59" gives 1959 and "25" gives 2025 when today is in 2026.
    /// Returns nil for dates that do not exist (31/02/2025) and for a day and month without a year.
    public static func parse(_ text: String, today: CivilDate) -> CivilDate? {
        let words = VietnameseText.strippingDiacritics(VietnameseText.normalized(text)).lowercased()
            .replacingOccurrences(of: ",", with: " ")
            .split(separator: " ")
        let core = words.drop(while: { leadingWords.contains($0) })
            .reversed().drop(while: { trailingWords.contains($0) }).reversed()
        let phrase = core.joined(separator: " ")

        if let offset = relativeDays[phrase] {
            return today.adding(days: offset)
        }

        let separated = #/([0-9]{1,2})\s*[\/.\-]\s*([0-9]{1,2})\s*[\/.\-]\s*([0-9]{4}|[0-9]{2})\.?/#
        let spaced = #/([0-9]{1,2})\s+([0-9]{1,2})\s+([0-9]{4}|[0-9]{2})/#
        let worded = #/([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+(?:nam\s+)?([0-9]{4}|[0-9]{2})/#
        if let match = phrase.wholeMatch(of: separated) ?? phrase.wholeMatch(of: spaced)
            ?? phrase.wholeMatch(of: worded)
        {
            return date(day: match.1, month: match.2, year: match.3, today: today)
        }

        if phrase.wholeMatch(of: #/[0-9]{6}|[0-9]{8}/#) != nil {
            let digits = Array(phrase)
            return date(
                day: String(digits[0..<2]), month: String(digits[2..<4]), year: String(digits[4...]), today: today)
        }
        if let match = phrase.wholeMatch(of: #/([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/#) {
            return date(day: match.3, month: match.2, year: match.1, today: today)
        }
        return nil
    }

    private static func date(
        day: some StringProtocol, month: some StringProtocol, year: some StringProtocol, today: CivilDate
    ) -> CivilDate? {
        guard let day = Int(day), let month = Int(month), var fullYear = Int(year) else { return nil }
        if year.count == 2 {
            fullYear += today.year - today.year % 100
            if fullYear > today.year {
                fullYear -= 100
            }
        }
        return CivilDate(year: fullYear, month: month, day: day)
    }

    /// Words that may precede a date: "ngày", "mùng"/"mồng" (used for days 1 to 10), "sinh ngày".
    private static let leadingWords: Set<Substring> = ["ngay", "mung", "mong", "sinh"]

    /// Polite particles that may follow a date ("5/3/59 ạ").
    private static let trailingWords: Set<Substring> = ["a", "ah", "nhe", "nha"]

    private static let relativeDays: [String: Int] = [
        "hom nay": 0, "nay": 0, "bua nay": 0,
        "hom qua": -1, "bua qua": -1,
        "hom kia": -2,
        "mai": 1,
    ]

}
