/// Free text such as an address or the description of a field report.
public enum TextInput {
    /// Returns the normalized text when its length in Characters is within `minLength...maxLength`,
    /// and nil otherwise. Length is measured after normalisation, so surrounding spaces do not count.
    public static func parse(_ text: String, minLength: Int = 1, maxLength: Int = 1000) -> String? {
        let normalized = VietnameseText.normalized(text)
        guard normalized.count >= minLength, normalized.count <= maxLength else { return nil }
        return normalized
    }
}
