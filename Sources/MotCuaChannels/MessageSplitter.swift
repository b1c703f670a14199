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
        return split(text, maxUnits: maxCharacters, unitsOf: { _ in 1 })
    }

    /// Splits `text` by the same rules, measuring each Character with `unitsOf`, for platforms that
    /// count UTF-16 code units or bytes. A cut never falls inside a Character.
    /// NOTE: a single Character wider than the limit (thousands of stacked combining marks) becomes
    /// a part of its own that exceeds the limit, because cutting it would break the grapheme.
    public static func split(_ text: String, maxUnits: Int, unitsOf: (Character) -> Int) -> [String] {
        precondition(maxUnits > 0, "MessageSplitter.split needs a positive maxUnits")
        var remaining = Substring(text)
        guard units(of: remaining, unitsOf) > maxUnits else { return [text] }

        var parts: [String] = []
        while units(of: remaining, unitsOf) > maxUnits {
            let limit = firstIndexPastLimit(in: remaining, maxUnits: maxUnits, unitsOf: unitsOf)
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

    private static func units(of text: Substring, _ unitsOf: (Character) -> Int) -> Int {
        text.reduce(0) { $0 + unitsOf($1) }
    }

    /// Returns the index of the first Character that does not fit, but never the start index,
    /// so every round makes progress.
    private static func firstIndexPastLimit(
        in text: Substring, maxUnits: Int, unitsOf: (Character) -> Int
    ) -> Substring.Index {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let width = unitsOf(text[index])
            if used + width > maxUnits {
                break
            }
            used += width
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
