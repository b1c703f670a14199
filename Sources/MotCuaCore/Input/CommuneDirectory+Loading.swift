import Foundation

/// Reading a directory from a parsed data file shaped like templates/communes.yaml:
///
///     province: Tây Ninh
///     communes:
///       - name: Phường Tân Ninh
///         kind: phường                          # xã, phường or đặc khu
///         code: "…"                             # optional: the official unit code
///         aliases: [Hiệp Ninh, TP Tây Ninh]     # optional
extension CommuneDirectory {
    /// Builds the directory from `node`, or throws `FlowErrors` listing every problem in it, each with
    /// `source` and the line of the failing node. Names and aliases are stored in NFC with single
    /// spaces and keep the tone placement of the file ("Bình Hòa" stays), and kinds are lowercased.
    public static func load(from node: DocumentNode, source: String = "communes.yaml") throws -> CommuneDirectory {
        var errors: [FlowError] = []
        func fail(_ line: Int, _ message: String) {
            errors.append(FlowError(file: source, line: line, message: message))
        }

        guard node.mapping != nil else {
            throw FlowErrors(errors: [
                FlowError(
                    file: source, line: node.line, message: "invalid commune file: expected a mapping with 'communes'")
            ])
        }
        guard let items = node["communes"]?.sequence else {
            let line = node["communes"]?.line ?? node.line
            throw FlowErrors(errors: [
                FlowError(file: source, line: line, message: "missing or invalid 'communes': expected a list")
            ])
        }
        let province = node["province"]?.scalar.map(cleaned)

        var communes: [Commune] = []
        for item in items {
            guard item.mapping != nil else {
                fail(item.line, "a commune must be a mapping with 'name' and 'kind'")
                continue
            }
            guard let name = item["name"]?.scalar.map(cleaned), !name.isEmpty else {
                fail(item.line, "a commune needs a non-empty 'name'")
                continue
            }
            guard let kind = item["kind"]?.scalar.map({ cleaned($0).lowercased() }), kinds.contains(kind)
            else {
                let line = item["kind"]?.line ?? item.line
                fail(line, "invalid 'kind' for '\(name)', expected one of: xã, phường, đặc khu")
                continue
            }

            var aliases: [String] = []
            if let aliasNode = item["aliases"] {
                guard let aliasItems = aliasNode.sequence, aliasItems.allSatisfy({ $0.scalar != nil }) else {
                    fail(aliasNode.line, "'aliases' of '\(name)' must be a list of texts")
                    continue
                }
                aliases = aliasItems.compactMap(\.scalar).map(cleaned).filter { !$0.isEmpty }
            }

            let code = item["code"]?.scalar
            communes.append(Commune(code: code, name: name, kind: kind, aliases: aliases))
        }

        guard errors.isEmpty else { throw FlowErrors(errors: errors) }
        return CommuneDirectory(communes: communes, province: province)
    }

    /// Returns `text` in NFC with each run of whitespace replaced by one space, trimmed.
    private static func cleaned(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let kinds: Set<String> = ["xã", "phường", "đặc khu"]
}
