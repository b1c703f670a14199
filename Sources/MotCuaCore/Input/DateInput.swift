/// Dates typed by citizens, always day first.
public enum DateInput {
    /// Returns the date in `text`, or nil when `read` gives no date.
    public static func parse(_ text: String, today: CivilDate) -> CivilDate? {
        if case .date(let date) = read(text, today: today) {
            return date
        }
        return nil
    }

    /// Reads 05/03/2025, 5/3/25, 5-3-2025, 5.3.2025, 5 3 2025, 05032025, 050325, 2025-03-05,
    /// "ngày 5 tháng 3 năm 2025", "mùng 5 tháng 3 năm 2025", "5 thang 3 nam 2025", "5 thg 3, 2025",
    /// and "hôm nay", "hôm qua", "hôm kia", "ngày mai" relative to `today`. Diacritics are optional,
    /// and Telex leftovers ("thangs", "nawm"), lead-in words ("dạ", "ngày sinh của tôi là") and polite
    /// particles after the date ("ạ", "nhé") are ignored.
    ///
    /// A two-digit year takes the century that puts the date within `earliest...latest`, the one
    /// closest to `today` when two centuries fit: with `latest` = today, "5/3/59" gives 1959, and with
    /// `earliest` = today, "5/3/27" gives 2027. A century more than 50 years after today never fits,
    /// so a past date with `earliest` = today is reported by the caller as too early rather than read
    /// as a date in the next century. Without bounds, or when no century fits, it is the most
    /// recent year ending in those digits and not after today's year, so "59" gives 1959 and "25" gives
    /// 2025 when today is in 2026. The bounds choose a century only: a four-digit year outside them is
    /// returned as it is, and the caller checks the range.
    public static func read(
        _ text: String, today: CivilDate, earliest: CivilDate? = nil, latest: CivilDate? = nil
    ) -> DateParse {
        let phrase = corePhrase(text)
        if let offset = relativeDays[phrase] {
            return .date(today.adding(days: offset))
        }
        guard let parts = dateParts(phrase) else { return .unreadable }
        guard (1...31).contains(parts.day), (1...12).contains(parts.month),
            parts.hasTwoDigitYear || parts.year >= 1
        else {
            return .unreadable
        }

        if parts.hasTwoDigitYear {
            return resolveCentury(parts, today: today, earliest: earliest, latest: latest)
        }
        guard let date = CivilDate(year: parts.year, month: parts.month, day: parts.day) else {
            return .impossible(day: parts.day, month: parts.month, year: parts.year)
        }
        return .date(date)
    }

    /// Returns the text lowercased without diacritics or Telex leftovers, with lead-in words and
    /// trailing particles removed: "Dạ, ngày sinh: 5/3/1959 ạ." gives "5/3/1959".
    private static func corePhrase(_ text: String) -> String {
        var plain = VietnameseText.strippingDiacritics(VietnameseText.normalized(text)).lowercased()
        for punctuation in [",", ":", ";", "!", "?"] {
            plain = plain.replacingOccurrences(of: punctuation, with: " ")
        }
        let words = VietnameseText.telexLeftoverKey(plain).split(separator: " ")
        let core = words.drop(while: { leadingWords.contains($0) })
            .reversed().drop(while: { trailingWords.contains(trimmingDots($0)) }).reversed()
        return core.joined(separator: " ")
    }

    private static func trimmingDots(_ word: Substring) -> Substring {
        var trimmed = word
        while trimmed.count > 1, trimmed.last == "." {
            trimmed = trimmed.dropLast()
        }
        return trimmed
    }

    private static func dateParts(_ phrase: String) -> DateParts? {
        let patterns = InputPatterns.shared
        if let match = phrase.wholeMatch(of: patterns.separatedDate) ?? phrase.wholeMatch(of: patterns.spacedDate)
            ?? phrase.wholeMatch(of: patterns.wordedDate)
        {
            return DateParts(day: match.1, month: match.2, year: match.3)
        }

        if phrase.wholeMatch(of: patterns.compactDate) != nil {
            let digits = Array(phrase)
            return DateParts(day: String(digits[0..<2]), month: String(digits[2..<4]), year: String(digits[4...]))
        }
        if let match = phrase.wholeMatch(of: patterns.isoDate) {
            return DateParts(day: match.3, month: match.2, year: match.1)
        }
        return nil
    }

    private static func resolveCentury(
        _ parts: DateParts, today: CivilDate, earliest: CivilDate?, latest: CivilDate?
    ) -> DateParse {
        let thisCentury = today.year - today.year % 100 + parts.year
        if earliest != nil || latest != nil {
            let fitting = [thisCentury - 100, thisCentury, thisCentury + 100]
                .compactMap { CivilDate(year: $0, month: parts.month, day: parts.day) }
                .filter { date in
                    date.year <= today.year + 50 && (earliest.map { date >= $0 } ?? true)
                        && (latest.map { date <= $0 } ?? true)
                }
            if let closest = fitting.min(by: { abs($0.days(since: today)) < abs($1.days(since: today)) }) {
                return .date(closest)
            }
        }

        let year = thisCentury > today.year ? thisCentury - 100 : thisCentury
        guard let date = CivilDate(year: year, month: parts.month, day: parts.day) else {
            return .impossible(day: parts.day, month: parts.month, year: year)
        }
        return .date(date)
    }

    /// Folded words that may precede a date: "ngày", "mùng"/"mồng" (used for days 1 to 10), "sinh",
    /// "dạ", "vâng", "là", "của tôi", and "sn"/"ns" for "sinh nhật" and "năm sinh".
    private static let leadingWords: Set<Substring> = [
        "ngay", "mung", "mong", "sinh", "da", "vang", "thua", "la", "cua", "toi", "em", "chau", "con", "sn", "ns",
        "vao", "hen",
    ]

    /// Polite particles that may follow a date ("5/3/59 ạ").
    private static let trailingWords: Set<Substring> = ["a", "ah", "nhe", "nha", "nhen", "ha"]

    private static let relativeDays: [String: Int] = [
        "hom nay": 0, "nay": 0, "bua nay": 0,
        "hom qua": -1, "bua qua": -1,
        "hom kia": -2,
        "mai": 1,
    ]
}

/// Day, month and year numbers as typed, before the century of a two-digit year is chosen.
private struct DateParts {
    var day: Int
    var month: Int
    var year: Int
    var hasTwoDigitYear: Bool

    init?(day: some StringProtocol, month: some StringProtocol, year: some StringProtocol) {
        guard let day = Int(day), let month = Int(month), let yearNumber = Int(year) else { return nil }
        self.day = day
        self.month = month
        self.year = yearNumber
        self.hasTwoDigitYear = year.count == 2
    }
}
