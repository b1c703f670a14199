/// A folded word or phrase prepared for edit-distance comparisons: its length in Characters, and
/// its bytes when it is ASCII, which folded text nearly always is.
struct SpelledWord: Sendable {
    let text: String
    /// The length in Characters, the unit of `VietnameseText.editDistance`.
    let count: Int
    private let ascii: [UInt8]?

    init(_ text: String) {
        self.text = text
        count = text.count
        ascii = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.utf8) : nil
    }

    /// Returns the Levenshtein distance to `other` in Characters when it is at most `limit`, or nil
    /// when it is larger.
    func editDistance(to other: SpelledWord, atMost limit: Int) -> Int? {
        // The distance is at least the difference in length.
        guard abs(count - other.count) <= limit else { return nil }
        guard let source = ascii, let target = other.ascii else {
            let distance = VietnameseText.editDistance(text, other.text)
            return distance <= limit ? distance : nil
        }
        let distance = Self.boundedDistance(source, target, limit: limit)
        return distance <= limit ? distance : nil
    }

    /// Returns the Levenshtein distance of two byte strings, or any value above `limit` once the
    /// distance is known to exceed it. The smallest entry of a row of the distance table never
    /// decreases from one row to the next, so the table stops at a row whose entries all exceed
    /// `limit`.
    static func boundedDistance(_ source: [UInt8], _ target: [UInt8], limit: Int) -> Int {
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }

        let width = target.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { buffer in
            var previous = buffer.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = j }

            for i in 1...source.count {
                current[0] = i
                var rowMinimum = i
                let sourceByte = source[i - 1]
                for j in 1..<width {
                    let substitution = previous[j - 1] + (sourceByte == target[j - 1] ? 0 : 1)
                    let value = min(previous[j] + 1, current[j - 1] + 1, substitution)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return rowMinimum }
                swap(&previous, &current)
            }
            return previous[width - 1]
        }
    }
}
