import Foundation

extension Date {
    /// The date as whole milliseconds since 1970-01-01 UTC, the unit of every date column.
    /// Sub-millisecond parts are rounded to the nearest millisecond.
    package var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    package init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1000)
    }
}
