/// Reads a receipt code or report ticket as a citizen types it: any case, with spaces, with other
/// separators or without dashes.
enum CaseCode {
    /// Returns the code as `PREFIX-BODY-C`, or nil when the text does not have that shape.
    static func normalized(_ text: String) -> String? {
        let upper = text.uppercased().filter { !$0.isWhitespace }
        let separators: Set<Character> = ["-", "–", "—", ".", "_", "/"]

        if upper.contains(where: separators.contains) {
            let parts = upper.split(whereSeparator: separators.contains).map(String.init)
            guard parts.count == 3, isCodeShape(prefix: parts[0], body: parts[1], check: parts[2]) else { return nil }
            return parts.joined(separator: "-")
        }

        // Without separators the last character is the check, the six before it the body, and the
        // rest the prefix.
        let characters = Array(upper)
        guard characters.count >= 8, characters.count <= 10 else { return nil }
        let check = String(characters[characters.count - 1])
        let body = String(characters[(characters.count - 7)..<(characters.count - 1)])
        let prefix = String(characters[..<(characters.count - 7)])
        guard isCodeShape(prefix: prefix, body: body, check: check) else { return nil }
        return "\(prefix)-\(body)-\(check)"
    }

    private static func isCodeShape(prefix: String, body: String, check: String) -> Bool {
        let isASCIIAlphanumeric = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber)
        }
        return (1...3).contains(prefix.count) && prefix.allSatisfy { $0.isASCII && $0.isLetter }
            && body.count == 6 && body.allSatisfy(isASCIIAlphanumeric)
            && check.count == 1 && check.allSatisfy(isASCIIAlphanumeric)
    }
}
