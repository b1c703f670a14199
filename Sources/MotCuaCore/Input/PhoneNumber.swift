/// A Vietnamese phone number, mobile or fixed line.
public struct PhoneNumber: Sendable, Hashable, Codable {
    /// The number with its leading 0 and no separators, "0912345678".
    public var national: String
    /// Whether the citizen typed an 11-digit mobile number from before the 2018–2019 renumbering.
    /// `national` then contains the converted number ("01691234567" becomes "0391234567"), which the
    /// flow should ask the citizen to confirm.
    public var wasConverted: Bool

    public init(national: String, wasConverted: Bool = false) {
        self.national = national
        self.wasConverted = wasConverted
    }

    /// The number with the country code 84 in place of the leading 0, "+84912345678".
    public var international: String {
        "+84" + national.dropFirst()
    }
}
