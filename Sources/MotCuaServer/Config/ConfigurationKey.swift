import Foundation

/// One setting of `motcua serve`: its YAML key, its environment variable, how its value is
/// parsed and a Vietnamese description. `ConfigurationKey.all` drives the loading, the
/// validation of number ranges and the key list of `motcua serve --help`, so the three agree.
public struct ConfigurationKey: Sendable {
    /// The parsed type of a value and the smallest value accepted.
    public enum Value: Sendable {
        case text
        case integer(minimum: Int)
        /// `exclusive` rejects the minimum itself, so 0 is rejected when the minimum is 0.
        case number(minimum: Double, exclusive: Bool)
    }

    /// The dotted YAML key, also used in error messages about the value.
    public var name: String
    /// The environment variable, or nil for a key read only from the file.
    public var environment: String?
    /// A secret is read only from the environment or from the file named by `<VARIABLE>_FILE`.
    public var isSecret: Bool
    public var value: Value
    /// A Vietnamese description of the setting and its unit, for `--help`.
    public var summary: String
    /// Another YAML key that sets the same value, kept so older files still load.
    public var alias: String?

    init(
        _ name: String, environment: String? = nil, secret: Bool = false, value: Value = .text, alias: String? = nil,
        _ summary: String
    ) {
        self.name = name
        self.environment = environment
        self.isSecret = secret
        self.value = value
        self.summary = summary
        self.alias = alias
    }

    /// The variable that names a file holding this secret, such as `MOTCUA_ZALO_OA_SECRET_FILE`.
    public var fileVariable: String? {
        guard isSecret, let environment else { return nil }
        return environment + "_FILE"
    }

    /// The default value as written in help and docs; secrets and empty values show "(trống)".
    public var defaultText: String {
        let defaults = Configuration()
        let text: String
        switch (value, Self.storage[name]) {
        case (_, .text(let path)?): text = defaults[keyPath: path]
        case (_, .integer(let path)?): text = String(defaults[keyPath: path])
        case (_, .number(let path)?): text = Self.format(defaults[keyPath: path])
        case (_, .custom(_, let read)?): text = read(defaults)
        case (_, nil): text = ""
        }
        return text.isEmpty ? "(trống)" : text
    }

    static func format(_ number: Double) -> String {
        if number == number.rounded() { return String(Int(number)) }
        return String(format: "%.2f", number)
    }
}

/// The `Configuration` property that stores a key's value.
enum ConfigurationStorage {
    case text(WritableKeyPath<Configuration, String>)
    case integer(WritableKeyPath<Configuration, Int>)
    case number(WritableKeyPath<Configuration, Double>)
    /// A value with its own parsing: `apply` gets the key name used in errors and the text, and
    /// `read` writes the current value as text for help and docs.
    case custom(
        apply: (inout Configuration, _ key: String, _ text: String) throws -> Void,
        read: (Configuration) -> String)
}
