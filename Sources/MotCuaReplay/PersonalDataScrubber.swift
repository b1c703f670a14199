import Foundation
import MotCuaCore

/// Replaces personal data in exported conversations with made-up values of the same kind. The
/// same original always gets the same replacement, so a name the bot repeats in a summary is
/// replaced there too and the fixture still reads as one conversation.
struct PersonalDataScrubber {
    private(set) var replacements: [String: String] = [:]
    private var counters: [String: Int] = [:]

    private static let names = [
        "Trần Thị Mai", "Lê Văn Bình", "Phạm Minh Châu", "Hoàng Thị Dung", "Vũ Quốc Huy", "Đặng Thu Hà",
    ]
    private static let phonePattern = try! NSRegularExpression(pattern: "(?<![0-9])(?:\\+84|0)[0-9]{9}(?![0-9])")
    private static let citizenIDPattern = try! NSRegularExpression(pattern: "(?<![0-9])[0-9]{12}(?![0-9])")
    private static let emailPattern = try! NSRegularExpression(
        pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")

    /// Replaces an answer to a question whose input kind is known: names, phone numbers, citizen
    /// IDs, emails and addresses (text answers kept in a slot whose name says address) in full.
    mutating func scrubAnswer(_ text: String, input: InputType?, slot: String?) -> String {
        let isAddress = slot.map { $0.contains("dia_chi") || $0.contains("address") } ?? false
        switch input {
        case .name?: return replacement(for: text, kind: "name")
        case .phone?: return replacement(for: text, kind: "phone")
        case .citizenID?: return replacement(for: text, kind: "citizen_id")
        case .email?: return replacement(for: text, kind: "email")
        case .text? where isAddress: return replacement(for: text, kind: "address")
        default: return scrubText(text)
        }
    }

    /// Replaces every value replaced before, then phone numbers, 12-digit citizen IDs and emails
    /// found by pattern.
    /// NOTE: a name is found in free text only after it was given as an answer to a name question,
    /// and only in the form the citizen typed. A copy the bot reformatted may still show it.
    mutating func scrubText(_ text: String) -> String {
        var result = text
        for (original, replacement) in replacements.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: original, with: replacement)
        }
        for (pattern, kind) in [
            (Self.emailPattern, "email"), (Self.phonePattern, "phone"), (Self.citizenIDPattern, "citizen_id"),
        ] {
            let matches = pattern.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed()
            for match in matches {
                guard let range = Range(match.range, in: result) else { continue }
                let original = String(result[range])
                if replacements.values.contains(original) { continue }
                result.replaceSubrange(range, with: replacement(for: original, kind: kind))
            }
        }
        return result
    }

    private mutating func replacement(for original: String, kind: String) -> String {
        let key = original.trimmingCharacters(in: .whitespaces)
        if let known = replacements[key] { return known }
        let number = counters[kind, default: 0] + 1
        counters[kind] = number
        let made: String
        switch kind {
        case "name": made = Self.names[(number - 1) % Self.names.count]
        case "phone": made = String(format: "09000000%02d", number % 100)
        case "citizen_id": made = String(format: "0790900000%02d", number % 100)
        case "email": made = "nguoidan\(number)@example.test"
        default: made = "Số \(number) đường Thử Nghiệm"
        }
        replacements[key] = made
        return made
    }
}
