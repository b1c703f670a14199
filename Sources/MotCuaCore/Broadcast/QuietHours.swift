import Foundation

/// A daily span of local time in which non-emergency broadcasts are not sent, such as 21:00–06:00
/// in Asia/Ho_Chi_Minh. The span may cross midnight; `start == end` means no quiet hours.
public struct QuietHours: Sendable, Equatable {
    /// Minutes after local midnight; the span includes `start` and excludes `end`.
    public var startMinute: Int
    public var endMinute: Int
    public var timeZone: TimeZone

    public init(startMinute: Int, endMinute: Int, timeZone: TimeZone) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.timeZone = timeZone
    }

    /// 21:00–06:00 in Asia/Ho_Chi_Minh.
    public static let vietnamNight = QuietHours(
        startMinute: 21 * 60, endMinute: 6 * 60, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)

    public static func none(timeZone: TimeZone) -> QuietHours {
        QuietHours(startMinute: 0, endMinute: 0, timeZone: timeZone)
    }

    /// Parses `HH:MM-HH:MM`, or `off` for no quiet hours; nil when the text is invalid.
    public static func parse(_ text: String, timeZone: TimeZone) -> QuietHours? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" { return .none(timeZone: timeZone) }
        let parts = trimmed.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = minute(of: parts[0]), let end = minute(of: parts[1]) else { return nil }
        return QuietHours(startMinute: start, endMinute: end, timeZone: timeZone)
    }

    private static func minute(of text: String) -> Int? {
        let fields = text.split(separator: ":")
        guard fields.count == 2, let hour = Int(fields[0]), let minute = Int(fields[1]), (0..<24).contains(hour),
            (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    public var isOff: Bool { startMinute == endMinute }

    /// Returns whether `date` falls in the quiet span, in local time.
    public func contains(_ date: Date) -> Bool {
        guard !isOff else { return false }
        let minute = localMinute(of: date)
        if startMinute < endMinute {
            return minute >= startMinute && minute < endMinute
        }
        return minute >= startMinute || minute < endMinute
    }

    /// Returns the first moment at or after `date` outside the quiet span.
    public func nextAllowed(after date: Date) -> Date {
        guard contains(date) else { return date }
        let minute = localMinute(of: date)
        var wait = endMinute - minute
        if wait <= 0 { wait += 24 * 60 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let seconds = calendar.component(.second, from: date)
        return date.addingTimeInterval(TimeInterval(wait * 60 - seconds)).rounded()
    }

    private func localMinute(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return parts.hour! * 60 + parts.minute!
    }

    /// `HH:MM-HH:MM`, or `off`.
    public var text: String {
        guard !isOff else { return "off" }
        func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
        return "\(clock(startMinute))-\(clock(endMinute))"
    }
}

extension Date {
    /// Drops the fraction of a second, so the result is a whole second.
    fileprivate func rounded() -> Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
