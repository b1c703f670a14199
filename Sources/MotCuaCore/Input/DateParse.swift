/// The outcome of reading a date typed by a citizen, with the reason when there is no date.
public enum DateParse: Equatable, Sendable {
    case date(CivilDate)
    /// The text has the shape of a date, with a day from 1 to 31 and a month from 1 to 12, but that
    /// day does not exist in that month: 31/02/2025, 31/04/2025, 29/02/2025.
    case impossible(day: Int, month: Int, year: Int)
    /// Text that is not a date in any known form, or whose day, month or year is out of range
    /// (32/1/2025, 5/13/2025, 5/3/0000).
    case unreadable
}
