import Foundation

/// Replaces `{{name}}` placeholders with values; an unknown name is left as written so that
/// `motcua lint` and tests can see it.
public enum Template {
    public static func render(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += values[name] ?? "{{\(name)}}"
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The placeholder names used in a text, in order.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
