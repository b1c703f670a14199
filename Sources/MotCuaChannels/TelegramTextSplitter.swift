/// Splits outgoing text into parts that fit Telegram's limit, which counts UTF-16 code units.
///
/// The rules match `MessageSplitter`, which counts Characters: a cut falls on the last line break
/// in the second half of the window if there is one, otherwise on the last whitespace, and the
/// whitespace at a cut is dropped. A cut never falls inside a Character, so a letter keeps its
/// combining marks and an emoji sequence stays whole.
public enum TelegramTextSplitter {
    /// Splits `text` into parts of at most `maxUTF16Units` UTF-16 code units.
    ///
    /// A run without whitespace that is longer than the limit is cut at the last Character that fits.
    /// Returns `[text]` when it already fits, and no empty parts otherwise.
    /// NOTE: a single Character longer than the limit (thousands of stacked combining marks) becomes
    /// a part of its own that exceeds the limit, because cutting it would break the grapheme.
    public static func split(_ text: String, maxUTF16Units: Int) -> [String] {
        precondition(maxUTF16Units > 0, "TelegramTextSplitter.split needs a positive maxUTF16Units")
        guard text.utf16.count > maxUTF16Units else { return [text] }

        var remaining = Substring(text)
        var parts: [String] = []
        while remaining.utf16.count > maxUTF16Units {
            let limit = firstIndexPastLimit(in: remaining, maxUTF16Units: maxUTF16Units)
            let cut = cutIndex(in: remaining, limit: limit)

            let part = remaining[..<cut].droppingTrailingWhitespace()
            if !part.isEmpty {
                parts.append(String(part))
            }
            remaining = remaining[cut...].drop(while: \.isWhitespace)
        }

        if !remaining.isEmpty {
            parts.append(String(remaining))
        }
        return parts
    }

    /// Returns the index of the first Character that does not fit, but never the start index,
    /// so every round makes progress.
    private static func firstIndexPastLimit(in text: Substring, maxUTF16Units: Int) -> Substring.Index {
        var units = 0
        var index = text.startIndex
        while index < text.endIndex {
            let width = text[index].utf16.count
            if units + width > maxUTF16Units {
                break
            }
            units += width
            index = text.index(after: index)
        }
        return index == text.startIndex ? text.index(after: index) : index
    }

    /// Returns where the next part ends. `limit` is the first Character that does not fit.
    private static func cutIndex(in text: Substring, limit: Substring.Index) -> Substring.Index {
        // Whitespace at `limit` itself is a clean cut, because the whitespace is dropped.
        let window = limit < text.endIndex ? text[...limit] : text[...]
        let halfway = text.index(text.startIndex, offsetBy: window.count / 2)

        if let newline = window.lastIndex(where: \.isNewline), newline >= halfway {
            return newline
        }
        if let space = window.lastIndex(where: \.isWhitespace), space > text.startIndex {
            return space
        }
        return limit
    }
}

extension Substring {
    fileprivate func droppingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous].isWhitespace else { break }
            end = previous
        }
        return self[..<end]
    }
}
