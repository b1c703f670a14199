/// Builds a `Flow` from a parsed flow file and reports every problem found as a `FlowError`.
public enum FlowLoader {
    /// Returns the flow, or throws `FlowErrors` listing all problems found in the file.
    public static func load(_ root: DocumentNode, source: String, version: String) throws -> Flow {
        let (flow, errors) = read(root, source: source, version: version)
        guard errors.isEmpty, let flow else {
            throw FlowErrors(errors: errors)
        }
        return flow
    }

    /// Reads as much of the flow as possible: a flow comes back whenever id, title and start are
    /// present, with the steps that could be read, next to every problem found.
    public static func read(_ root: DocumentNode, source: String, version: String) -> (flow: Flow?, errors: [FlowError])
    {
        var reader = FlowReader(source: source)
        let flow = reader.read(root, version: version)
        return (flow, reader.errors)
    }

    /// A stable digest of a file's bytes (64-bit FNV-1a, hex), used as the flow version.
    public static func version(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Several flow problems at once.
public struct FlowErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [FlowError]

    public init(errors: [FlowError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
