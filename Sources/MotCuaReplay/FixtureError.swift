/// A fixture that cannot be read or run, with the file and 1-based line at fault.
public struct FixtureError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`. Line 0 prints `path: message`. An empty path prints only the message,
    /// for errors that come from the command line rather than from a file.
    public var description: String {
        if path.isEmpty { return message }
        if line == 0 { return "\(path): \(message)" }
        return "\(path):\(line): \(message)"
    }
}
