import Foundation

// NOTE: stand-ins for the Input parsers while they are written elsewhere; removed at merge.
public struct ChoiceOption: Sendable, Hashable, Codable {
    public var value: String
    public var label: String
    public var synonyms: [String]
    public init(value: String, label: String, synonyms: [String] = []) {
        self.value = value
        self.label = label
        self.synonyms = synonyms
    }
}

public struct CivilDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(month), (1...31).contains(day), let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }
    public var description: String { String(format: "%02d/%02d/%04d", day, month, year) }
    private var utcDate: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
    public func adding(days: Int) -> CivilDate {
        CivilDate(utcDate.addingTimeInterval(Double(days) * 86400), timeZone: TimeZone(identifier: "UTC")!)
    }
    public func days(since other: CivilDate) -> Int {
        Int((utcDate.timeIntervalSince(other.utcDate) / 86400).rounded())
    }
    public func age(on day: CivilDate) -> Int {
        var age = day.year - year
        if (day.month, day.day) < (month, self.day) { age -= 1 }
        return age
    }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

public enum VietnameseText {
    public static func normalized(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    public static func foldKey(_ s: String) -> String {
        normalized(s).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
    }
    public static func titleCased(_ s: String) -> String { normalized(s).capitalized }
}
public struct PhoneNumber: Sendable, Hashable, Codable {
    public var national: String
    public var wasConverted: Bool
    public var international: String { "+84" + national.dropFirst() }
}
public enum DateInput {
    public static func parse(_ text: String, today: CivilDate) -> CivilDate? {
        let parts = text.split(whereSeparator: { "/.-".contains($0) }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var year = parts[2]
        if year < 100 { year += year <= today.year % 100 ? 2000 : 1900 }
        return CivilDate(year: year, month: parts[1], day: parts[0])
    }
}
public enum PhoneInput {
    public static func parse(_ text: String) -> PhoneNumber? {
        var digits = text.filter(\.isNumber)
        if digits.hasPrefix("84") { digits = "0" + digits.dropFirst(2) }
        guard digits.count == 10, digits.hasPrefix("0") else { return nil }
        return PhoneNumber(national: digits, wasConverted: false)
    }
}
public enum CitizenIDInput {
    public static func parse(_ text: String, today: CivilDate) -> String? {
        let digits = text.filter(\.isNumber)
        return digits.count == 12 ? digits : nil
    }
}
public enum NameInput {
    public static func parse(_ text: String) -> String? {
        let value = VietnameseText.normalized(text)
        guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        return VietnameseText.titleCased(value)
    }
}
public enum YesNoInput {
    public static func parse(_ text: String) -> Bool? {
        let key = VietnameseText.foldKey(text)
        if ["co", "u", "da", "vang", "ok", "dung", "yes"].contains(key) { return true }
        if ["khong", "ko", "k", "sai", "no"].contains(key) { return false }
        return nil
    }
}
public enum ChoiceInput {
    public static func match(_ text: String, options: [ChoiceOption]) -> Int? {
        let key = VietnameseText.foldKey(text)
        if let number = Int(key), options.indices.contains(number - 1) { return number - 1 }
        return options.firstIndex {
            VietnameseText.foldKey($0.label) == key || VietnameseText.foldKey($0.value) == key
                || $0.synonyms.map(VietnameseText.foldKey).contains(key)
        }
    }
}
public enum TextInput {
    public static func parse(_ text: String, minLength: Int = 1, maxLength: Int = 1000) -> String? {
        let value = VietnameseText.normalized(text)
        return (minLength...maxLength).contains(value.count) ? value : nil
    }
}
public enum NumberInput {
    public static func parse(_ text: String) -> Double? { Double(text.replacingOccurrences(of: ",", with: ".")) }
}
public enum EmailInput {
    public static func parse(_ text: String) -> String? { text.contains("@") ? text.lowercased() : nil }
}
