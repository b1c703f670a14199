import Foundation
import MotCuaCore
import MotCuaStorage

extension AdminAPI {
    static let defaultLimit = 50
    static let maximumLimit = 500
    /// Maximum length in characters of a note or message an official sends.
    static let maximumTextLength = 2_000

    /// Reads `status`, `since`, `limit` and `offset` from the query.
    static func caseFilter(_ query: [String: String]) throws(AdminError) -> CaseFilter {
        var filter = CaseFilter(limit: defaultLimit)
        if let status = query["status"], !status.isEmpty {
            guard CaseStatus(rawValue: status) != nil else {
                throw AdminError(.badRequest, "tham số 'status': '\(status)' không hợp lệ; dùng \(statusNames)")
            }
            filter.status = status
        }
        if let since = query["since"], !since.isEmpty {
            guard let date = parseDate(since) else {
                throw AdminError(
                    .badRequest, "tham số 'since': '\(since)' không hợp lệ; viết theo ISO 8601, ví dụ 2025-03-01")
            }
            filter.since = date
        }
        (filter.limit, filter.offset) = try page(query)
        return filter
    }

    /// Reads `limit` (1…500, default 50) and `offset` (0 or more) from the query.
    static func page(_ query: [String: String]) throws(AdminError) -> (limit: Int, offset: Int) {
        let limit = try Self.limit(query)
        var offset = 0
        if let text = query["offset"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else {
                throw AdminError(.badRequest, "tham số 'offset': '\(text)' không hợp lệ; dùng số từ 0 trở lên")
            }
            offset = value
        }
        return (limit, offset)
    }

    /// Reads `limit` (1…500, default 50) from the query.
    static func limit(_ query: [String: String]) throws(AdminError) -> Int {
        guard let text = query["limit"], !text.isEmpty else { return defaultLimit }
        guard let value = Int(text), (1...maximumLimit).contains(value) else {
            throw AdminError(
                .badRequest, "tham số 'limit': '\(text)' không hợp lệ; dùng số từ 1 tới \(maximumLimit)")
        }
        return value
    }

    static var statusNames: String { CaseStatus.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Accepts a date (`2025-03-01`, midnight UTC) or a date and time with a zone.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }

    /// Decodes the body as a JSON object whose fields are all in `allowed`.
    static func jsonObject(_ body: [UInt8], allowed: Set<String>) throws(AdminError) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw AdminError(
                .badRequest, "nội dung yêu cầu phải là một đối tượng JSON, ví dụ {\"status\": \"processing\"}")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            let names = allowed.sorted().joined(separator: ", ")
            throw AdminError(.badRequest, "trường '\(unknown)' không tồn tại; dùng \(names)")
        }
        return object
    }

    /// Reads an optional text field; nil when absent, null or blank.
    static func text(_ object: [String: Any], _ field: String) throws(AdminError) -> String? {
        guard let value = object[field], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw AdminError(.badRequest, "trường '\(field)' phải là chuỗi ký tự")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumTextLength else {
            throw AdminError(.badRequest, "trường '\(field)' dài quá \(maximumTextLength) ký tự; rút gọn nội dung")
        }
        return trimmed.isEmpty ? nil : trimmed
    }
}
