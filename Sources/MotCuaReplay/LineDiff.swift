/// A line diff of two texts from their longest common subsequence, for showing expected and actual
/// replies side by side.
public enum LineDiff {
    public enum Line: Sendable, Equatable {
        case same(String)
        /// Only in the expected text.
        case removed(String)
        /// Only in the actual text.
        case added(String)
    }

    /// Returns the lines of `expected` and `actual` in order, each marked as shared or as present
    /// in one text only. Removed lines come before the added lines that replace them.
    public static func compare(_ expected: [String], _ actual: [String]) -> [Line] {
        let rows = expected.count
        let columns = actual.count
        // common[i][j] is the length of the longest common subsequence of expected[i...] and actual[j...].
        var common = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                common[i][j] =
                    expected[i] == actual[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }

        var result: [Line] = []
        var i = 0
        var j = 0
        while i < rows || j < columns {
            if i < rows, j < columns, expected[i] == actual[j] {
                result.append(.same(expected[i]))
                i += 1
                j += 1
            } else if i < rows, j == columns || common[i + 1][j] >= common[i][j + 1] {
                result.append(.removed(expected[i]))
                i += 1
            } else {
                result.append(.added(actual[j]))
                j += 1
            }
        }
        return result
    }
}
