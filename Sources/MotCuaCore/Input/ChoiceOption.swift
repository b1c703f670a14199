/// One option of a multiple-choice question.
public struct ChoiceOption: Sendable, Hashable, Codable {
    /// The stable value saved in the slot, such as "nu".
    public var value: String
    /// The text shown to the citizen, such as "Nữ".
    public var label: String
    /// Other replies that mean this option, such as "con gái".
    public var synonyms: [String]

    public init(value: String, label: String, synonyms: [String] = []) {
        self.value = value
        self.label = label
        self.synonyms = synonyms
    }

    /// Label, value and synonyms: every text that names this option.
    var names: [String] { [label, value] + synonyms }
}
