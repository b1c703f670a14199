/// The outcome of one fixture: every reply that differed from what the fixture expects.
public struct FixtureReport: Sendable, CustomStringConvertible {
    /// One turn whose replies differ, with the line of the turn or of the failing expectation.
    public struct Mismatch: Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        /// 1-based index of the turn in the fixture.
        public var turn: Int
        /// What the citizen sent, as written in a `motcua chat` session.
        public var sent: String
        public var problem: String
        public var expected: String
        public var actual: String

        public var description: String {
            """
            \(path):\(line): lượt \(turn) (\(sent)): \(problem)
              mong đợi: \(Self.indented(expected))
              thực tế:  \(Self.indented(actual))
            """
        }

        private static func indented(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n            ")
        }
    }

    public var path: String
    public var name: String
    public var turns: Int
    public var mismatches: [Mismatch]

    public var passed: Bool { mismatches.isEmpty }

    public var description: String {
        guard !passed else { return "\(path): đạt (\(name), \(turns) lượt)" }
        let details = mismatches.map(\.description).joined(separator: "\n")
        return "\(path): \(mismatches.count) lượt sai (\(name))\n\(details)"
    }
}
