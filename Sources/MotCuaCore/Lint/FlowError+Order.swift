extension Sequence where Element == FlowError {
    /// Returns the errors ordered by file, then line, then message, without repeats, so that
    /// output is the same on every run.
    public func sortedByLocation() -> [FlowError] {
        let ordered = sorted { lhs, rhs in
            (lhs.file, lhs.line, lhs.message) < (rhs.file, rhs.line, rhs.message)
        }
        var unique: [FlowError] = []
        for error in ordered where unique.last != error {
            unique.append(error)
        }
        return unique
    }
}
