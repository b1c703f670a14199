/// Texts shared by all flows (menu hints, commands, errors, ladder texts), keyed by dotted names
/// such as `invalid.date`.
public struct MessageCatalog: Sendable, Equatable {
    public private(set) var texts: [String: String]

    public init(texts: [String: String]) {
        self.texts = texts
    }

    /// Flattens a messages file: nested mappings become dotted keys.
    public init(document: DocumentNode, source: String) throws {
        var texts: [String: String] = [:]
        var errors: [FlowError] = []
        func walk(_ node: DocumentNode, prefix: String) {
            if let text = node.scalar {
                texts[prefix] = text
            } else if let pairs = node.mapping {
                for (key, value) in pairs { walk(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
            } else {
                errors.append(FlowError(file: source, line: node.line, message: "'\(prefix)' must be a text"))
            }
        }
        walk(document, prefix: "")
        guard errors.isEmpty else { throw FlowErrors(errors: errors) }
        self.texts = texts
    }

    /// Returns the text for `key` with placeholders filled, or the key itself when the catalog lacks
    /// it, so that a missing text is visible instead of silent.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Template.render(texts[key] ?? key, values)
    }

    /// The keys the engine uses; `motcua lint` reports the ones a catalog lacks.
    public static let requiredKeys: [String] =
        [
            "command.help", "command.cancelled", "command.back_unavailable", "command.nothing_to_repeat",
            "handoff.started", "handoff.ended", "unsupported_content", "skip_hint",
            "retry.example", "retry.options", "retry.official",
            "confirm.prompt", "confirm.choose_fix", "confirm.invalid",
            "button.yes", "button.no", "button.confirm", "button.fix",
            "invalid.number_range", "invalid.date_too_early", "invalid.date_too_late",
            "draft.resume", "draft.expired", "button.resume", "button.restart",
            "invalid.date_impossible", "invalid.citizen_id_length", "invalid.citizen_id_old_card",
            "invalid.citizen_id_province", "invalid.citizen_id_future", "ambiguous",
            "collect.image", "collect.location", "collect.file", "collect.more_photos",
        ] + InputType.allCases.map { "invalid.\($0.rawValue)" }
}
