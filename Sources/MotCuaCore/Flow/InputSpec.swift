/// The input types a question can ask for.
public enum InputType: String, Sendable, Equatable, CaseIterable {
    case text
    case name
    case number
    case date
    case phone
    case citizenID = "citizen_id"
    case email
    case choice
    case yesNo = "yes_no"
    case location
    case image
    case file
    case commune
    /// A procedure of the catalog in templates/procedures, by code or by what the citizen calls it.
    case procedure
}

/// How a question reads its answer, with the type's constraints.
public struct InputSpec: Sendable, Equatable {
    public var type: InputType
    public var options: [ChoiceOption]
    /// Length bounds for text and names, value bounds for numbers.
    public var minimum: Double?
    public var maximum: Double?
    /// Date bounds: `today`, `today-60d`, `today+30d` or a date `yyyy-mm-dd`.
    public var earliestDate: String?
    public var latestDate: String?
    /// An optional question may be skipped with "bỏ qua".
    public var optional: Bool
    /// For phone numbers: landlines (02x…) are accepted as well as mobiles.
    public var allowsLandline: Bool = false
    /// For photos: several may be sent; the question waits until the citizen types "xong".
    public var multiple: Bool = false
    /// For numbers: only whole numbers, such as a count of pages.
    public var wholeNumber: Bool = false

    public init(
        type: InputType, options: [ChoiceOption] = [], minimum: Double? = nil, maximum: Double? = nil,
        earliestDate: String? = nil, latestDate: String? = nil, optional: Bool = false
    ) {
        self.type = type
        self.options = options
        self.minimum = minimum
        self.maximum = maximum
        self.earliestDate = earliestDate
        self.latestDate = latestDate
        self.optional = optional
    }
}
