import Foundation
import MotCuaCore

extension AdminAPI {
    /// Reads and checks the body of `POST /api/broadcasts`. Messages are Vietnamese and name the
    /// field, the value and the fix.
    static func broadcastDraft(_ object: [String: Any], createdBy: String, now: Date) throws(AdminError)
        -> Broadcast
    {
        guard let text = try broadcastText(object, "text") else {
            throw AdminError(
                .badRequest, "thiếu trường 'text'; gửi nội dung thông báo, ví dụ \"text\": \"{xa}: ...\"")
        }
        let unknown = BroadcastText.unknownPlaceholders(in: text)
        if let name = unknown.first {
            let known = BroadcastText.placeholders.map { "{\($0)}" }.joined(separator: ", ")
            throw AdminError(.badRequest, "chỗ trống '{\(name)}' trong 'text' không tồn tại; dùng \(known)")
        }

        let image = try url(object, "image_url")
        let linkTitle = try broadcastText(object, "link_title")
        let linkURL = try url(object, "link_url")
        guard (linkTitle == nil) == (linkURL == nil) else {
            throw AdminError(.badRequest, "nút liên kết cần cả 'link_title' và 'link_url'; thêm trường còn thiếu")
        }

        let scheduledAt = try date(object, "scheduled_at")
        let expiresAt = try date(object, "expires_at")
        if let expiresAt, expiresAt <= (scheduledAt ?? now) {
            throw AdminError(.badRequest, "'expires_at' phải sau thời điểm gửi; chọn một thời điểm muộn hơn")
        }

        var emergency = false
        if let value = object["emergency"], !(value is NSNull) {
            guard let flag = value as? Bool else {
                throw AdminError(.badRequest, "'emergency' phải là true hoặc false")
            }
            emergency = flag
        }
        if let value = object["dry_run"], !(value is NSNull), !(value is Bool) {
            throw AdminError(.badRequest, "'dry_run' phải là true hoặc false")
        }

        return Broadcast(
            id: 0, text: text, imageURL: image, link: linkTitle.map { BroadcastLink(title: $0, url: linkURL ?? "") },
            audience: try audience(object["audience"]), scheduledAt: scheduledAt, expiresAt: expiresAt,
            emergency: emergency, createdBy: createdBy, state: .draft, createdAt: now)
    }

    private static func broadcastText(_ object: [String: Any], _ field: String) throws(AdminError) -> String? {
        guard let value = object[field], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw AdminError(.badRequest, "'\(field)' phải là chuỗi ký tự")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumTextLength else {
            throw AdminError(
                .badRequest, "'\(field)' dài \(trimmed.count) ký tự, quá \(maximumTextLength); rút gọn nội dung")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func url(_ object: [String: Any], _ field: String) throws(AdminError) -> String? {
        guard let text = try broadcastText(object, field) else { return nil }
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !text.contains(" ") else {
            throw AdminError(.badRequest, "'\(field)': '\(text)' không phải địa chỉ web; viết dạng https://…")
        }
        return text
    }

    private static func date(_ object: [String: Any], _ field: String) throws(AdminError) -> Date? {
        guard let text = try broadcastText(object, field) else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw AdminError(
                .badRequest, "'\(field)': '\(text)' không hợp lệ; viết theo ISO 8601, ví dụ 2026-03-01T08:00:00+07:00")
        }
        return date
    }

    private static func audience(_ value: Any?) throws(AdminError) -> BroadcastAudience {
        guard let value, !(value is NSNull) else { return BroadcastAudience() }
        if let text = value as? String, text == "all" { return BroadcastAudience() }
        guard let object = value as? [String: Any] else {
            throw AdminError(
                .badRequest, "'audience' phải là \"all\" hoặc đối tượng có communes, topics, channels")
        }
        if let unknown = object.keys.sorted().first(where: { !["communes", "topics", "channels"].contains($0) }) {
            throw AdminError(.badRequest, "'audience.\(unknown)' không tồn tại; dùng communes, topics, channels")
        }
        let communes = try list(object, "communes")
        let topics = try list(object, "topics")
        if let topic = topics.first(where: { !Subscription.topics.contains($0) }) {
            throw AdminError(
                .badRequest,
                "chủ đề '\(topic)' không tồn tại; dùng \(Subscription.topics.joined(separator: ", "))")
        }
        var channels: [ChannelKind] = []
        for name in try list(object, "channels") {
            guard let channel = ChannelKind(rawValue: name) else {
                throw AdminError(.badRequest, "kênh '\(name)' không tồn tại; dùng zalo, telegram, messenger")
            }
            channels.append(channel)
        }
        return BroadcastAudience(communes: communes, topics: topics, channels: channels)
    }

    private static func list(_ object: [String: Any], _ field: String) throws(AdminError) -> [String] {
        guard let value = object[field], !(value is NSNull) else { return [] }
        guard let items = value as? [String] else {
            throw AdminError(.badRequest, "'audience.\(field)' phải là danh sách chuỗi, ví dụ [\"Bình Hòa\"]")
        }
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
