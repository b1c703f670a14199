/// Writes JSON string literals in the escaped form Meta signs and delivers.
enum MessengerJSONText {
    /// Returns `value` as a quoted JSON string in which every non-ASCII character is a lowercase
    /// `\uXXXX` escape (UTF-16, so emoji become surrogate pairs), `/` is `\/`, and `<`, `%` and `@`
    /// are `\u003C`, `\u0025` and `\u0040`.
    static func quoted(_ value: String) -> String {
        var output = "\""
        for unit in value.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x2F: output += "\\/"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x3C: output += "\\u003C"
            case 0x25: output += "\\u0025"
            case 0x40: output += "\\u0040"
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let digits = String(unit, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            }
        }
        return output + "\""
    }
}
