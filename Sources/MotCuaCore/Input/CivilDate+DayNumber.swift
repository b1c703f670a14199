/// Conversion between a date and its day number, the count of days since 01/01/0001.
extension CivilDate {
    var dayNumber: Int {
        let yearsBefore = year - 1
        let leapDaysBefore = yearsBefore / 4 - yearsBefore / 100 + yearsBefore / 400
        var daysBeforeMonth = 0
        for earlierMonth in stride(from: 1, to: month, by: 1) {
            daysBeforeMonth += Self.daysInMonth(earlierMonth, year: year)
        }
        return yearsBefore * 365 + leapDaysBefore + daysBeforeMonth + day - 1
    }

    /// Years outside 1...9999 are clamped to those bounds.
    init(dayNumber: Int) {
        let number = min(max(dayNumber, 0), Self.lastDayNumber)

        // 146097 days make 400 Gregorian years, so the estimate is off by at most one year.
        var year = number * 400 / 146_097 + 1
        while year > 1, CivilDate(uncheckedYear: year, month: 1, day: 1).dayNumber > number {
            year -= 1
        }
        while year < 9999, CivilDate(uncheckedYear: year + 1, month: 1, day: 1).dayNumber <= number {
            year += 1
        }

        var remaining = number - CivilDate(uncheckedYear: year, month: 1, day: 1).dayNumber
        var month = 1
        while remaining >= Self.daysInMonth(month, year: year) {
            remaining -= Self.daysInMonth(month, year: year)
            month += 1
        }
        self.init(uncheckedYear: year, month: month, day: remaining + 1)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static let lastDayNumber = CivilDate(uncheckedYear: 9999, month: 12, day: 31).dayNumber
}
