import Foundation

/// Writes strings as YAML scalars for fixtures that `--update` rewrites: plain where that reads
/// back unchanged, a literal block for multi-line text, double quotes otherwise.
enum YAMLText {
    /// Returns `key: value` lines at `indent` spaces; multi-line text becomes a `|-` block whose
    /// lines are indented two more spaces. The first line has no indentation, as it follows `- `
    /// or the indentation the caller writes.
    static func pair(_ key: String, _ value: String, indent: Int) -> [String] {
        if value.contains("\n"), isLiteralSafe(value) {
            let padding = String(repeating: " ", count: indent + 2)
            return ["\(key): |-"]
                + value.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.isEmpty ? "" : padding + $0
                }
        }
        return ["\(key): \(scalar(value, inFlow: false))"]
    }

    /// Returns `[a, b]` with each title quoted when a flow sequence needs it.
    static func flowSequence(_ items: [String]) -> String {
        "[" + items.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    }

    static func scalar(_ value: String, inFlow: Bool) -> String {
        isPlainSafe(value, inFlow: inFlow) ? value : doubleQuoted(value)
    }

    private static func isPlainSafe(_ value: String, inFlow: Bool) -> Bool {
        guard let first = value.first, let last = value.last else { return false }
        if first.isWhitespace || last.isWhitespace || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if value.contains(": ") || value.contains(" #") || value.contains("\t") { return false }
        if inFlow, value.contains(where: { ",[]{}".contains($0) }) { return false }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        // Words and numbers other YAML readers would turn into booleans, nulls or numbers.
        let lowered = value.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(lowered) { return false }
        if Double(value) != nil { return false }
        return true
    }

    /// True when every line reads back unchanged from a `|-` block: no carriage returns or other
    /// control characters, no trailing spaces, the first line not indented and no final newline.
    private static func isLiteralSafe(_ value: String) -> Bool {
        guard let first = value.first, !first.isWhitespace, !value.hasSuffix("\n") else { return false }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }) {
            return false
        }
        return !value.split(separator: "\n").contains { $0.last?.isWhitespace == true }
    }

    private static func doubleQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
