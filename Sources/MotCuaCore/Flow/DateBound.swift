/// A date limit in a flow file: `today`, `today-60d`, `today+30d` or `yyyy-mm-dd`.
public enum DateBound: Sendable, Equatable {
    case relativeToToday(days: Int)
    case fixed(year: Int, month: Int, day: Int)

    public static func parse(_ text: String) -> DateBound? {
        if text == "today" { return .relativeToToday(days: 0) }
        if text.hasPrefix("today"), text.hasSuffix("d") {
            let middle = text.dropFirst(5).dropLast()
            let digits = middle.drop { $0 == "+" || $0 == "-" }
            guard middle.count == digits.count + 1, let days = Int(digits) else { return nil }
            return .relativeToToday(days: middle.first == "-" ? -days : days)
        }
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return .fixed(year: year, month: month, day: day)
    }
}
