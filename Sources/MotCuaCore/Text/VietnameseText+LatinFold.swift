import Foundation

/// A fast path for `foldKey` over text made of ASCII and precomposed Latin letters, which is what
/// citizens type in Vietnamese with or without diacritics.
///
/// Text of that kind is already in NFC, and none of its scalars combine with a neighbour, so every
/// step of the general path (normalisation, tone placement, lowercasing, removal of marks) acts on
/// each scalar alone. The fold of a whole text is then the fold of each scalar, with every run of
/// other ASCII characters turned into one space. The table of scalar folds is computed once, by the
/// general path itself, so both paths agree by construction.
extension VietnameseText {
    /// Returns `foldKey(s)`, or nil when `s` contains a scalar outside ASCII and the letter table,
    /// such as a combining mark, non-ASCII whitespace or an emoji.
    static func latinFoldKey(_ s: String) -> String? {
        let ascii = s.utf8.withContiguousStorageIfAvailable { asciiFoldKey($0) }
        if let ascii, let folded = ascii {
            return folded
        }
        return scalarFoldKey(s)
    }

    /// Folds text whose UTF-8 bytes are all ASCII; nil as soon as one is not.
    private static func asciiFoldKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var separatorPending = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let folded = asciiFolds[Int(byte)]
            if folded == 0 {
                separatorPending = !output.isEmpty
                continue
            }
            if separatorPending {
                output.append(0x20)
                separatorPending = false
            }
            output.append(folded)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func scalarFoldKey(_ s: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(s.utf8.count)
        var separatorPending = false
        for scalar in s.unicodeScalars {
            let value = scalar.value
            let folded: UInt8
            if value < 0x80 {
                folded = asciiFolds[Int(value)]
            } else if value == 0x200B || value == 0xFEFF {
                // `normalized` deletes these invisible scalars without leaving a space.
                continue
            } else if let letter = LatinLetterTable.shared.fold(value) {
                folded = letter
            } else {
                return nil
            }
            if folded == 0 {
                separatorPending = !output.isEmpty
                continue
            }
            if separatorPending {
                output.append(0x20)
                separatorPending = false
            }
            output.append(folded)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The folded byte of each ASCII scalar: lowercase letters and digits, or 0 for a separator.
    private static let asciiFolds: [UInt8] = (0..<128).map { value -> UInt8 in
        switch UInt8(value) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(value) + 0x20
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(value)
        default: return 0
        }
    }
}

/// The ASCII letter that each precomposed letter of Latin-1 Supplement, Latin Extended-A and -B
/// and Latin Extended Additional folds to ("Ầ" to "a", "đ" to "d"). Letters that fold to something
/// else ("ð", "ß", "æ") are left out, so text containing them takes the general path.
struct LatinLetterTable: Sendable {
    static let shared = LatinLetterTable()

    static let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]

    private let lower: [UInt8]
    private let upper: [UInt8]

    private init() {
        lower = Self.folds(Self.ranges[0])
        upper = Self.folds(Self.ranges[1])
    }

    func fold(_ value: UInt32) -> UInt8? {
        let letter: UInt8
        if Self.ranges[0].contains(value) {
            letter = lower[Int(value - Self.ranges[0].lowerBound)]
        } else if Self.ranges[1].contains(value) {
            letter = upper[Int(value - Self.ranges[1].lowerBound)]
        } else {
            return nil
        }
        return letter == 0 ? nil : letter
    }

    /// Folds each scalar of `range` alone with the general path, keeping only scalars that are
    /// already in NFC and fold to one ASCII letter.
    private static func folds(_ range: ClosedRange<UInt32>) -> [UInt8] {
        range.map { value -> UInt8 in
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return 0 }
            let text = String(scalar)
            guard Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar] else { return 0 }
            let folded = Array(VietnameseText.generalFoldKey(text).utf8)
            guard folded.count == 1, let byte = folded.first,
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            else { return 0 }
            return byte
        }
    }
}
