/// A commune-level unit (xã, phường or đặc khu), the level below the province since 01/07/2025.
public struct Commune: Sendable, Hashable, Codable {
    /// The official code of the unit, when known.
    public var code: String?
    /// The full name with its kind, as shown to citizens: "Phường Tân Ninh".
    public var name: String
    /// "xã", "phường" or "đặc khu".
    public var kind: String
    /// Names that citizens may still use: the units merged into this one ("phường 1 Tây Ninh",
    /// "Hiệp Ninh"), the old town or district ("TP Tây Ninh"), and other spellings.
    public var aliases: [String]

    public init(code: String? = nil, name: String, kind: String, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.aliases = aliases
    }
}
