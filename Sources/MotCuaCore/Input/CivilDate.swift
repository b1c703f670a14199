import Foundation

/// Calendar date without time, in Vietnam.
///
/// Dates use the proleptic Gregorian calendar for years 1 to 9999.
public struct CivilDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Returns nil for dates that do not exist, such as 31/02 or 29/02 of a common year.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        guard (1...Self.daysInMonth(month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the calendar day that `date` falls on in `timeZone`.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = components.year!
        self.month = components.month!
        self.day = components.day!
    }

    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// Returns the number of days from `other` to this date, negative when `other` is later.
    public func days(since other: CivilDate) -> Int {
        dayNumber - other.dayNumber
    }

    /// Returns the whole years from this date, taken as a birth date, to `day`, negative when `day` is
    /// earlier. Someone born on 29/02 turns a year older on 01/03 in common years.
    public func age(on day: CivilDate) -> Int {
        var years = day.year - year
        if (day.month, day.day) < (month, self.day) {
            years -= 1
        }
        return years
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
