/// Splits long outgoing text into parts a platform accepts.
public enum MessageSplitter {
    /// Splits `text` into parts of at most `maxCharacters` Characters (grapheme clusters, so a
    /// letter and its combining marks stay together).
    ///
    /// Each cut falls on whitespace: the last line break in the second half of the window if there
    /// is one, otherwise the last whitespace. The whitespace at a cut is dropped. A run of more than
    /// `maxCharacters` Characters without whitespace is cut at the limit. Returns `[text]` when it
    /// already fits, and no empty parts otherwise.
    public static func split(_ text: String, maxCharacters: Int) -> [String] {
        precondition(maxCharacters > 0, "MessageSplitter.split needs a positive maxCharacters")

        var remaining = Substring(text)
        guard remaining.count > maxCharacters else { return [text] }

        var parts: [String] = []
        while remaining.count > maxCharacters {
            let limit = remaining.index(remaining.startIndex, offsetBy: maxCharacters)
            let cut = cutIndex(in: remaining, limit: limit)

            let part = remaining[..<cut].trimmingTrailingWhitespace()
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

    /// Returns where the next part ends. `limit` is the first Character that does not fit.
    private static func cutIndex(in text: Substring, limit: Substring.Index) -> Substring.Index {
        // A Character at `limit` that is whitespace makes a clean cut right at the limit.
        let window = text[..<text.index(after: limit)]
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
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous].isWhitespace else { break }
            end = previous
        }
        return self[..<end]
    }
}
