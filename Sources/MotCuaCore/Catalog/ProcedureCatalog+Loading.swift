import Foundation

/// Reading one procedure file, shaped like templates/procedures/*.yaml:
///
///     code: "1.001193"                # national code, or a lowercase slug when none is known
///     name: Thủ tục đăng ký khai sinh
///     short_name: Làm giấy khai sinh
///     keywords: [khai sinh, lam giay khai sinh cho con]
///     authority: Ủy ban nhân dân xã, phường nơi cư trú của cha hoặc mẹ
///     documents: [Giấy chứng sinh bản gốc.]
///     fee: Miễn phí nếu đăng ký trong 60 ngày.
///     processing_time: Trong ngày làm việc.
///     legal_basis: [Luật Hộ tịch 2014]
///     where_to_file: [Nộp trực tiếp tại Ủy ban nhân dân xã, phường.]
///     note: Who qualifies, when that matters.            # optional
///     flow: dang-ky-khai-sinh                            # optional
///     to_confirm:                                        # optional
///       - fee: Mức lệ phí do tỉnh quyết định.
extension ProcedureCatalog {
    /// Reads one procedure file and adds it, or throws `FlowErrors` listing every problem in the file:
    /// a missing or empty field, an unknown or repeated key, an invalid code, or a code already in the
    /// catalog.
    /// A `flow:` naming no flow is checked later by `problems(flowIDs:)`, once the flows are read.
    public mutating func load(from node: DocumentNode, source: String) throws {
        var reader = ProcedureReader(source: source)
        let procedure = reader.read(node)
        if let procedure, let earlier = self.procedure(code: procedure.code) {
            let line = node["code"]?.line ?? node.line
            reader.fail(line, "mã thủ tục '\(procedure.code)' đã dùng trong \(earlier.source)")
        }
        let errors = reader.errors + DuplicateKeys.problems(in: node, source: source)
        guard errors.isEmpty, let procedure else { throw FlowErrors(errors: errors.sortedByLocation()) }
        add(procedure)
    }
}

/// Reads a procedure file, collecting every problem instead of stopping at the first.
struct ProcedureReader {
    let source: String
    private(set) var errors: [FlowError] = []

    static let knownKeys = [
        "code", "name", "short_name", "keywords", "authority", "documents", "fee", "processing_time",
        "legal_basis", "where_to_file", "note", "flow", "to_confirm",
    ]

    mutating func fail(_ line: Int, _ message: String) {
        errors.append(FlowError(file: source, line: line, message: message))
    }

    mutating func read(_ root: DocumentNode) -> Procedure? {
        guard root.mapping != nil else {
            fail(root.line, "tệp thủ tục phải là một mapping gồm code, name, short_name, documents…")
            return nil
        }
        for (key, value) in root.mapping ?? [] where !Self.knownKeys.contains(key) {
            fail(value.line, "khóa không tồn tại '\(key)'; các khóa có: \(Self.knownKeys.joined(separator: ", "))")
        }

        let code = text(root, "code")
        if let code, !Self.isValidCode(code) {
            fail(
                root["code"]?.line ?? root.line,
                "mã thủ tục không hợp lệ '\(code)'; dùng mã quốc gia như 1.001193 hoặc chữ thường nối bằng '-'")
        }
        let name = text(root, "name")
        let shortName = text(root, "short_name")
        let authority = text(root, "authority")
        let fee = text(root, "fee")
        let processingTime = text(root, "processing_time")
        let documents = list(root, "documents", required: true)
        let legalBasis = list(root, "legal_basis", required: true)
        let whereToFile = list(root, "where_to_file", required: true)
        let keywords = list(root, "keywords", required: false)
        let note = root["note"].flatMap { optionalText($0, "note") }
        let flowID = root["flow"].flatMap { optionalText($0, "flow") }
        let toConfirm = root["to_confirm"].map { readUnconfirmed($0) } ?? []

        guard let code, let name, let shortName, let authority, let fee, let processingTime else { return nil }
        return Procedure(
            code: code, name: name, shortName: shortName, keywords: keywords, authority: authority,
            documents: documents, fee: fee, processingTime: processingTime, legalBasis: legalBasis,
            whereToFile: whereToFile, note: note, flowID: flowID, toConfirm: toConfirm, source: source,
            flowLine: root["flow"]?.line ?? root.line)
    }

    /// Returns whether `code` is a national code "d.dddddd" or a slug of lowercase letters, digits and
    /// hyphens that starts with a letter.
    static func isValidCode(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 1, parts[1].count == 6,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        {
            return true
        }
        let slugCharacters = code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return slugCharacters && code.first?.isLetter == true && !code.hasSuffix("-")
    }

    private mutating func text(_ root: DocumentNode, _ key: String) -> String? {
        guard let node = root[key] else {
            fail(root.line, "thiếu khóa '\(key)'")
            return nil
        }
        guard let value = node.scalar.map(Self.cleaned), !value.isEmpty else {
            fail(node.line, "'\(key)' phải là một chuỗi không rỗng")
            return nil
        }
        return value
    }

    /// Returns the text of an optional key, or nil when it is empty, so that an empty `flow:` means no flow.
    private mutating func optionalText(_ node: DocumentNode, _ key: String) -> String? {
        guard let value = node.scalar else {
            fail(node.line, "'\(key)' phải là một chuỗi")
            return nil
        }
        let cleaned = Self.cleaned(value)
        return cleaned.isEmpty ? nil : cleaned
    }

    private mutating func list(_ root: DocumentNode, _ key: String, required: Bool) -> [String] {
        guard let node = root[key] else {
            if required { fail(root.line, "thiếu khóa '\(key)'") }
            return []
        }
        guard let items = node.sequence, !items.isEmpty || !required else {
            fail(node.line, "'\(key)' phải là một danh sách không rỗng")
            return []
        }
        var values: [String] = []
        for item in items {
            guard let value = item.scalar.map(Self.cleaned), !value.isEmpty else {
                fail(item.line, "các mục của '\(key)' phải là chuỗi không rỗng")
                continue
            }
            values.append(value)
        }
        return values
    }

    /// Reads `- field: note` items, where the field is one of the file's keys.
    private mutating func readUnconfirmed(_ node: DocumentNode) -> [Procedure.Unconfirmed] {
        guard let items = node.sequence else {
            fail(node.line, "'to_confirm' phải là danh sách dạng '- fee: ghi chú'")
            return []
        }
        var result: [Procedure.Unconfirmed] = []
        for item in items {
            guard let pairs = item.mapping, pairs.count == 1, let note = pairs[0].value.scalar else {
                fail(item.line, "mỗi mục của 'to_confirm' cần đúng một cặp 'khóa: ghi chú', ví dụ '- fee: …'")
                continue
            }
            let field = pairs[0].key
            guard Self.knownKeys.contains(field), field != "to_confirm" else {
                fail(item.line, "'to_confirm' nhắc tới khóa không tồn tại '\(field)'")
                continue
            }
            result.append(Procedure.Unconfirmed(field: field, note: Self.cleaned(note)))
        }
        return result
    }

    /// Returns the text in NFC with each run of whitespace replaced by one space, trimmed.
    private static func cleaned(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
