import Foundation
import Testing

@testable import MotCuaCore

struct InputCivilDateTests {
    @Test(arguments: [
        (2025, 2, 31), (2025, 2, 29), (2100, 2, 29), (2025, 4, 31), (2025, 13, 1), (2025, 0, 1), (2025, 1, 0),
        (0, 1, 1), (10000, 1, 1),
    ])
    func invalidDatesAreRejected(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [(2024, 2, 29), (2000, 2, 29), (2025, 12, 31), (1, 1, 1), (9999, 12, 31)])
    func validDatesAreAccepted(year: Int, month: Int, day: Int) throws {
        let date = try #require(CivilDate(year: year, month: month, day: day))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
    }

    @Test func descriptionIsDayMonthYear() {
        #expect(CivilDate(year: 2025, month: 3, day: 5)!.description == "05/03/2025")
        #expect(CivilDate(year: 959, month: 12, day: 25)!.description == "25/12/0959")
    }

    @Test(arguments: [
        ((2025, 3, 5), 1, (2025, 3, 6)), ((2025, 2, 28), 1, (2025, 3, 1)), ((2024, 2, 28), 1, (2024, 2, 29)),
        ((2025, 12, 31), 1, (2026, 1, 1)), ((2026, 1, 1), -1, (2025, 12, 31)), ((2025, 3, 5), -60, (2025, 1, 4)),
        ((1959, 3, 5), 24_472, (2026, 3, 5)), ((2000, 1, 1), 366, (2001, 1, 1)), ((1900, 1, 1), 365, (1901, 1, 1)),
        ((2025, 3, 5), 0, (2025, 3, 5)),
    ])
    func addingDaysCrossesMonthsAndYears(start: (Int, Int, Int), days: Int, expected: (Int, Int, Int)) throws {
        let date = try #require(CivilDate(year: start.0, month: start.1, day: start.2))
        let end = try #require(CivilDate(year: expected.0, month: expected.1, day: expected.2))
        #expect(date.adding(days: days) == end)
        #expect(end.days(since: date) == days)
    }

    @Test func dayNumbersRoundTripOverFourCenturies() {
        var date = CivilDate(year: 1800, month: 1, day: 1)!
        var number = date.dayNumber
        while date.year < 2200 {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == number + 1)
            #expect(next > date)
            date = next
            number += 1
        }
        #expect(date == CivilDate(year: 2200, month: 1, day: 1))
    }

    @Test(arguments: [
        ((1959, 3, 5), (2026, 3, 4), 66), ((1959, 3, 5), (2026, 3, 5), 67), ((1959, 3, 5), (2026, 12, 4), 67),
        ((2024, 2, 29), (2025, 2, 28), 0), ((2024, 2, 29), (2025, 3, 1), 1), ((2024, 2, 29), (2028, 2, 29), 4),
        ((2025, 3, 5), (2025, 3, 5), 0),
    ])
    func ageCountsWholeYears(birth: (Int, Int, Int), on day: (Int, Int, Int), expected: Int) {
        let birthDate = CivilDate(year: birth.0, month: birth.1, day: birth.2)!
        let onDate = CivilDate(year: day.0, month: day.1, day: day.2)!
        #expect(birthDate.age(on: onDate) == expected)
    }

    @Test func initFromDateUsesTheTimeZone() throws {
        // 2026-03-01T18:30:00Z is already 2 March in Vietnam (UTC+7).
        let instant = Date(timeIntervalSince1970: 1_772_389_800)
        let vietnam = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(CivilDate(instant, timeZone: vietnam) == CivilDate(year: 2026, month: 3, day: 2))
        #expect(CivilDate(instant, timeZone: utc) == CivilDate(year: 2026, month: 3, day: 1))
    }

    @Test func ordersChronologically() {
        let dates = [(2025, 3, 5), (1959, 12, 31), (2025, 1, 31), (2025, 3, 4)].map {
            CivilDate(year: $0.0, month: $0.1, day: $0.2)!
        }
        #expect(dates.sorted().map(\.description) == ["31/12/1959", "31/01/2025", "04/03/2025", "05/03/2025"])
    }

    @Test func codableUsesIsoString() throws {
        let date = CivilDate(year: 2025, month: 3, day: 5)!
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-03-05"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2025-02-31"]"#.utf8))
        }
    }

    @Test(arguments: ["2025-3-5", "05/03/2025", "2025-03-05T00:00", "+025-03-05", "2025-02-29"])
    func iso8601RejectsOtherForms(text: String) {
        #expect(CivilDate(iso8601: text) == nil)
    }
}
