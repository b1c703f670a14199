import Foundation

extension Configuration {
    /// Formats a number from the configuration as an operator would type it, so messages show
    /// `5` and not `5.0`. Fractions keep Swift's shortest round-trip form, such as `2.5`.
    static func numberText(_ value: Double) -> String {
        guard value.rounded() == value, abs(value) < 1e15 else { return "\(value)" }
        return String(Int64(value))
    }
}
