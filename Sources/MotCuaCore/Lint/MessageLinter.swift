/// Checks a messages file (`messages/vi.yaml`): every entry is a text, the keys the engine uses are
/// present, and placeholders name only the values the engine passes to that text.
public enum MessageLinter {
    /// The placeholder values the engine passes to each message; other messages receive none.
    static let variables: [String: Set<String>] = [
        "confirm.prompt": ["summary"],
        "retry.options": ["options"],
        "retry.example": ["example"],
        "draft.resume": ["title"],
        "collect.image": ["count"],
        "invalid.date_impossible": ["date"],
        "invalid.citizen_id_length": ["count"],
        "invalid.citizen_id_province": ["code"],
        "invalid.citizen_id_future": ["year"],
        "draft.expired": ["title"],
        "notify.dossier": ["code", "status"],
        "notify.report": ["code", "status"],
        "notify.note": ["note"],
        "lookup.dossier": ["code", "title", "status"],
        "lookup.report": ["code", "status"],
        "lookup.note": ["note"],
        "lookup.not_found": ["code"],
        "lookup.mistyped": ["code"],
        "subscribe.done": ["topics", "commune"],
    ]

    /// Returns every problem found, ordered by line.
    public static func lint(_ root: DocumentNode, source: String) -> [FlowError] {
        var errors = DuplicateKeys.problems(in: root, source: source)
        var keys: Set<String> = []
        var invalidKeys: Set<String> = []

        func walk(_ node: DocumentNode, key: String) {
            if let pairs = node.mapping {
                for (name, value) in pairs { walk(value, key: key.isEmpty ? name : "\(key).\(name)") }
                return
            }
            guard let text = node.scalar else {
                invalidKeys.insert(key)
                errors.append(FlowError(file: source, line: node.line, message: "tin nhắn '\(key)' phải là một chuỗi"))
                return
            }
            keys.insert(key)
            let allowed = variables[key] ?? []
            for name in Template.placeholders(in: text) where !allowed.contains(name) {
                let passed =
                    allowed.isEmpty
                    ? "chương trình không truyền giá trị nào vào tin nhắn này"
                    : "chương trình chỉ truyền vào: \(allowed.sorted().joined(separator: ", "))"
                errors.append(
                    FlowError(
                        file: source, line: node.line, message: "tin nhắn '\(key)' dùng {{\(name)}} nhưng \(passed)"))
            }
        }
        walk(root, key: "")

        for key in MessageCatalog.requiredKeys where !keys.contains(key) && !invalidKeys.contains(key) {
            errors.append(FlowError(file: source, line: 1, message: "thiếu tin nhắn '\(key)'"))
        }
        return errors.sortedByLocation()
    }
}
