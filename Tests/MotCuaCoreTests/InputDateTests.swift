import Testing

@testable import MotCuaCore

struct InputDateTests {
    static let today = CivilDate(year: 2026, month: 12, day: 4)!

    @Test(arguments: [
        ("05/03/2025", "05/03/2025"), ("5/3/25", "05/03/2025"), ("5-3-2025", "05/03/2025"),
        ("5.3.2025", "05/03/2025"), ("05032025", "05/03/2025"), ("050325", "05/03/2025"),
        ("ngày 5 tháng 3 năm 2025", "05/03/2025"), ("5 thang 3 nam 2025", "05/03/2025"),
        ("Ngày 05 tháng 03 năm 2025", "05/03/2025"), ("mùng 5 tháng 3 năm 2025", "05/03/2025"),
        ("5 tháng 3, 2025", "05/03/2025"), ("5 3 2025", "05/03/2025"), ("5 / 3 / 2025", "05/03/2025"),
        ("5/3/59", "05/03/1959"), ("05/03/59 ạ", "05/03/1959"), ("ngày 5/3/1959", "05/03/1959"),
        ("sinh ngày 20/11/1948", "20/11/1948"), ("29/02/2024", "29/02/2024"), ("31/12/26", "31/12/2026"),
        ("1/1/00", "01/01/2000"), ("01/01/27", "01/01/1927"), ("5/3/2025.", "05/03/2025"),
        ("2025-03-05", "05/03/2025"), ("ngày 1 tháng 6 năm 2019", "01/06/2019"),
        ("ngay 1 thang 6 nam 19", "01/06/2019"), ("5/3/1959", "05/03/1959"),
    ])
    func parsesDayFirstDates(text: String, expected: String) {
        #expect(DateInput.parse(text, today: Self.today)?.description == expected)
    }

    /// The forms of the same date, each read without bounds.
    @Test(arguments: [
        ("05/03/2025", DateParse.date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5/3/25", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5-3-2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5.3.2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("05032025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("ngày 5 tháng 3 năm 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5 thg 3 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5 thg 3, 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("05 Thg 03, 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5thg3 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("ngay 5 thang 3 nam 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("ngayf 5 thangs 3 nawm 2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("dạ 5/3/2025 ạ", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("Dạ, ngày sinh: 5/3/1959 ạ.", .date(CivilDate(year: 1959, month: 3, day: 5)!)),
        ("ngày sinh của tôi là 05-03-1959", .date(CivilDate(year: 1959, month: 3, day: 5)!)),
        ("  5  /  3  /  2025  ", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("5,3,2025", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        (
            "Ngày 5 Tháng 3 Năm 2025".decomposedStringWithCanonicalMapping,
            .date(CivilDate(year: 2025, month: 3, day: 5)!)
        ),
        ("mồng 5 tháng 3 năm 2025 nhé", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("2025-03-05", .date(CivilDate(year: 2025, month: 3, day: 5)!)),
        ("31/02/2025", .impossible(day: 31, month: 2, year: 2025)),
        ("29/02/2025", .impossible(day: 29, month: 2, year: 2025)),
        ("29/2/25", .impossible(day: 29, month: 2, year: 2025)),
        ("31/4/2025", .impossible(day: 31, month: 4, year: 2025)),
        ("ngày 30 tháng 2 năm 2024", .impossible(day: 30, month: 2, year: 2024)),
        ("31 thg 6 2025", .impossible(day: 31, month: 6, year: 2025)),
        ("29/02/2024", .date(CivilDate(year: 2024, month: 2, day: 29)!)),
        ("32/1/2025", .unreadable), ("5/13/2025", .unreadable), ("0/3/2025", .unreadable),
        ("5/3", .unreadable), ("tháng 3 năm 2025", .unreadable), ("mùng năm tháng ba", .unreadable),
        ("không nhớ", .unreadable), ("5/3/0000", .unreadable), ("", .unreadable),
    ])
    func readsDatesWithReasons(text: String, expected: DateParse) {
        #expect(DateInput.read(text, today: Self.today) == expected)
    }

    /// The century of a two-digit year follows the bounds of the step.
    @Test(arguments: [
        ("5/3/59", nil, "today", "05/03/1959"), ("5/3/27", "today", nil, "05/03/2027"),
        ("5/3/27", nil, nil, "05/03/1927"), ("5/3/27", nil, "today", "05/03/1927"),
        ("5/12/26", "today", nil, "05/12/2026"), ("5/3/76", "today", nil, "05/03/2076"),
        ("1/12/26", nil, "today", "01/12/2026"),
        ("5/1/27", "today", "today+60d", "05/01/2027"), ("5/3/99", nil, "today", "05/03/1999"),
        ("5/3/00", nil, "today", "05/03/2000"), ("29/2/00", nil, "today", "29/02/2000"),
        ("5/3/30", "today", nil, "05/03/2030"), ("5/3/30", "2000-01-01", "2100-12-31", "05/03/2030"),
        // No century fits, so the rule without bounds applies and the caller reports the range.
        ("5/3/59", "today", "today+30d", "05/03/1959"),
        // A past date is not moved 100 years ahead, so the caller reports it as too early.
        ("5/3/26", "today", nil, "05/03/2026"), ("5/3/77", "today", nil, "05/03/1977"),
    ])
    func twoDigitYearFollowsBounds(text: String, earliest: String?, latest: String?, expected: String) {
        let earliestDate = earliest.flatMap(bound)
        let latestDate = latest.flatMap(bound)
        #expect(earliest == nil || earliestDate != nil)
        #expect(latest == nil || latestDate != nil)
        let result = DateInput.read(text, today: Self.today, earliest: earliestDate, latest: latestDate)
        guard case .date(let date) = result else {
            Issue.record("expected a date, got \(result)")
            return
        }
        #expect(date.description == expected)
    }

    @Test func parseReturnsNilForImpossibleDates() {
        #expect(DateInput.parse("31/02/2025", today: Self.today) == nil)
        #expect(DateInput.parse("5 thg 3 2025", today: Self.today) == CivilDate(year: 2025, month: 3, day: 5))
    }

    private func bound(_ text: String) -> CivilDate? {
        switch DateBound.parse(text) {
        case .relativeToToday(let days)?: return Self.today.adding(days: days)
        case .fixed(let year, let month, let day)?: return CivilDate(year: year, month: month, day: day)
        case nil: return nil
        }
    }

    @Test(arguments: [
        ("hôm nay", "04/12/2026"), ("hom nay", "04/12/2026"), ("Hôm qua", "03/12/2026"), ("hom qua", "03/12/2026"),
        ("hôm kia", "02/12/2026"), ("ngày mai", "05/12/2026"), ("bữa nay", "04/12/2026"),
    ])
    func parsesRelativeDays(text: String, expected: String) {
        #expect(DateInput.parse(text, today: Self.today)?.description == expected)
    }

    @Test func relativeDaysCrossMonthBoundaries() {
        let firstOfMonth = CivilDate(year: 2026, month: 3, day: 1)!
        #expect(DateInput.parse("hôm qua", today: firstOfMonth) == CivilDate(year: 2026, month: 2, day: 28))
    }

    @Test(arguments: [
        "31/02/2025", "29/02/2025", "32/1/2025", "5/13/2025", "0/3/2025", "5/3", "5/3/202", "503202",
        "5032025", "", "ngày", "hôm", "mai mốt", "tháng 3 năm 2025", "ngày 5 tháng ba năm 2025", "abc",
        "5/3/2025 14:00", "2025/03/05/01", "12345678901", "５/３/２０２５",
    ])
    func rejectsInvalidOrIncompleteDates(text: String) {
        #expect(DateInput.parse(text, today: Self.today) == nil)
    }

    @Test func twoDigitYearDependsOnToday() {
        let early = CivilDate(year: 2001, month: 1, day: 1)!
        #expect(DateInput.parse("5/3/25", today: early)?.year == 1925)
        #expect(DateInput.parse("5/3/01", today: early)?.year == 2001)
        #expect(DateInput.parse("5/3/25", today: Self.today)?.year == 2025)
    }
}
