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
