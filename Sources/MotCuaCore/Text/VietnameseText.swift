import Foundation

/// Normalisation and matching keys for Vietnamese text typed by citizens.
///
/// Citizens type the same word in several ways: precomposed (NFC) or with combining marks (NFD),
/// with the tone on "hòa" or on "hoà", or without any diacritics. `normalized` removes the first two
/// differences, and `foldKey` removes all of them for comparisons.
public enum VietnameseText {
    /// Returns `s` in NFC, trimmed, with each run of whitespace (newlines included) replaced by one
    /// space, and with every tone mark placed by the new-style rule ("hoà", "thuỷ", "khoẻ").
    public static func normalized(_ s: String) -> String {
        let composed = s.precomposedStringWithCanonicalMapping
        let words = composed.unicodeScalars
            .filter { !invisibleScalars.contains($0) }
            .split(whereSeparator: { $0.properties.isWhitespace })
            .map { String(String.UnicodeScalarView($0)) }

        let joined = words.joined(separator: " ")
        return placingTones(in: joined).precomposedStringWithCanonicalMapping
    }

    /// Returns the matching key of `s`: normalized, lowercased, without diacritics, with đ/Đ as d,
    /// and with every character other than a letter, a digit or a space replaced by a space
    /// ("Đặng Hòa Thuỷ!" gives "dang hoa thuy").
    public static func foldKey(_ s: String) -> String {
        latinFoldKey(s) ?? generalFoldKey(s)
    }

    /// Computes `foldKey` through full Unicode normalisation, for any text. `latinFoldKey` gives the
    /// same result faster for the text citizens usually type.
    static func generalFoldKey(_ s: String) -> String {
        let plain = strippingDiacritics(normalized(s).lowercased())
        let lettersDigitsAndSpaces = plain.map { character -> Character in
            character.isLetter || character.isNumber ? character : " "
        }
        return String(lettersDigitsAndSpaces).split(separator: " ").joined(separator: " ")
    }

    /// Returns `s` normalized, with the first letter of each word in upper case and the other letters
    /// in lower case ("nguyễn văn AN" gives "Nguyễn Văn An"). A letter after a hyphen or an apostrophe
    /// also starts a word ("h'hen niê" gives "H'Hen Niê").
    public static func titleCased(_ s: String) -> String {
        var result = ""
        var startsWord = true
        for character in normalized(s) {
            if character.isLetter {
                result += startsWord ? character.uppercased() : character.lowercased()
                startsWord = false
            } else {
                result.append(character)
                startsWord = character == " " || character == "-" || wordJoiningApostrophes.contains(character)
            }
        }
        return result.precomposedStringWithCanonicalMapping
    }

    /// Returns `s` without combining marks and with đ/Đ replaced by d/D; punctuation, case and
    /// spacing stay as they are.
    static func strippingDiacritics(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "\u{0111}": scalars.append("d")
            case "\u{0110}": scalars.append("D")
            default:
                if !isCombiningMark(scalar) {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Zero-width space and byte-order mark, which arrive with copied text and are not whitespace.
    private static let invisibleScalars: Set<Unicode.Scalar> = ["\u{200B}", "\u{FEFF}"]

    static let wordJoiningApostrophes: Set<Character> = ["'", "\u{2019}"]
}
