/// E-mail addresses.
public enum EmailInput {
    /// Returns the address trimmed and lowercased when it has the shape local@domain.tld: one "@", a
    /// local part of ASCII letters, digits and . _ % + -, a domain of at least two dot-separated labels
    /// of ASCII letters, digits and hyphens, and a top-level domain of at least two letters. Dots may
    /// not start, end or repeat in either part. Nil otherwise; this does not prove that the mailbox exists.
    public static func parse(_ text: String) -> String? {
        let address = VietnameseText.normalized(text).lowercased()
        guard address.count <= 254 else { return nil }

        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidLocalPart(parts[0]), isValidDomain(parts[1]) else { return nil }
        return address
    }

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard (1...64).contains(local.count), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        return local.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._%+-".contains($0)) }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }

        let labelsAreValid = labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        let topLevel = labels[labels.count - 1]
        return labelsAreValid && topLevel.count >= 2 && topLevel.allSatisfy(\.isLetter)
    }
}
