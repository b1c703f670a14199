/// A parsed YAML or JSON document, independent of the parser, with the source line of each node
/// so that flow errors can be reported as `file:line: message`.
public struct DocumentNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case scalar(String)
        case sequence([DocumentNode])
        /// Keys in document order; YAML keys are scalars.
        case mapping([(key: String, value: DocumentNode)])

        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.scalar(let a), .scalar(let b)): return a == b
            case (.sequence(let a), .sequence(let b)): return a == b
            case (.mapping(let a), .mapping(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }
    }

    public var kind: Kind
    /// 1-based line in the source.
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    public var scalar: String? {
        if case .scalar(let value) = kind { return value }
        return nil
    }

    public var sequence: [DocumentNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [(key: String, value: DocumentNode)]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value under `key` in a mapping, or nil.
    public subscript(key: String) -> DocumentNode? {
        mapping?.first { $0.key == key }?.value
    }
}
