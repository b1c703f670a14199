/// Finds keys written twice in one mapping. libyaml accepts them and the readers keep the first
/// value, so the second one would be ignored without a word.
enum DuplicateKeys {
    /// Returns one error per repeated key. The mapping under the root key `skipped` is left out
    /// because its reader reports repeats itself, as the flow reader does for step ids.
    static func problems(in root: DocumentNode, source: String, exceptUnder skipped: String? = nil) -> [FlowError] {
        var errors: [FlowError] = []
        func walk(_ node: DocumentNode, checksKeys: Bool, isRoot: Bool) {
            for item in node.sequence ?? [] {
                walk(item, checksKeys: true, isRoot: false)
            }
            var seen: Set<String> = []
            for (key, value) in node.mapping ?? [] {
                if checksKeys, !seen.insert(key).inserted {
                    let message = "khóa '\(key)' bị lặp trong cùng một mapping; chỉ giá trị đầu tiên được dùng"
                    errors.append(FlowError(file: source, line: value.line, message: message))
                }
                walk(value, checksKeys: !(isRoot && key == skipped), isRoot: false)
            }
        }
        walk(root, checksKeys: true, isRoot: true)
        return errors
    }
}
