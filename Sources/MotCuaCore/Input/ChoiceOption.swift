/// One option of a multiple-choice question.
public struct ChoiceOption: Sendable {
    /// The stable value saved in the slot, such as "nu".
    public var value: String {
        didSet { keyedNames = Self.keyedNames(label: label, value: value, synonyms: synonyms) }
    }
    /// The text shown to the citizen, such as "Nữ".
    public var label: String {
        didSet { keyedNames = Self.keyedNames(label: label, value: value, synonyms: synonyms) }
    }
    /// Other replies that mean this option, such as "con gái".
    public var synonyms: [String] {
        didSet { keyedNames = Self.keyedNames(label: label, value: value, synonyms: synonyms) }
    }
    /// The comparison keys of the names that fold to a non-empty key. They are computed when the
    /// option is built or changed, so a reply is not compared by normalising every name again.
    private(set) var keyedNames: [KeyedName]

    public init(value: String, label: String, synonyms: [String] = []) {
        self.value = value
        self.label = label
        self.synonyms = synonyms
        keyedNames = Self.keyedNames(label: label, value: value, synonyms: synonyms)
    }

    /// Returns the keys of the label, the value and the synonyms, the texts that name this option.
    private static func keyedNames(label: String, value: String, synonyms: [String]) -> [KeyedName] {
        ([label, value] + synonyms).map { KeyedName(VietnameseText.normalized($0)) }.filter { !$0.folded.isEmpty }
    }
}

/// Equality, hashing and coding use the value, label and synonyms only, because the keys are
/// derived from them.
extension ChoiceOption: Hashable, Codable {
    private enum CodingKeys: String, CodingKey {
        case value, label, synonyms
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            value: try container.decode(String.self, forKey: .value),
            label: try container.decode(String.self, forKey: .label),
            synonyms: try container.decode([String].self, forKey: .synonyms))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(label, forKey: .label)
        try container.encode(synonyms, forKey: .synonyms)
    }

    public static func == (lhs: ChoiceOption, rhs: ChoiceOption) -> Bool {
        lhs.value == rhs.value && lhs.label == rhs.label && lhs.synonyms == rhs.synonyms
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(label)
        hasher.combine(synonyms)
    }
}
