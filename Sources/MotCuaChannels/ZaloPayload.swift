import Foundation
import MotCuaCore

/// Field access into one Zalo webhook body. Every failure names the field and the event.
struct ZaloPayload {
    let root: JSONValue
    let eventName: String

    var message: JSONValue? { root["message"] }

    var messageID: String? {
        guard let id = message?["msg_id"]?.text, !id.isEmpty else { return nil }
        return id
    }

    /// Reads `timestamp` in milliseconds, whether Zalo sent it as a string or a number.
    func timestampMillis() throws -> Int64 {
        let text = try requiredText(at: ["timestamp"])
        if let value = Int64(text), value >= 0 {
            return value
        }
        if let value = Double(text), value >= 0, let whole = Int64(exactly: value.rounded(.down)) {
            return whole
        }
        throw invalid("timestamp", "is not a non-negative number of milliseconds")
    }

    func requiredText(at path: [String]) throws -> String {
        var value: JSONValue? = root
        for key in path {
            value = value?[key]
        }
        guard let text = value?.text, !text.isEmpty else {
            throw missing(path.joined(separator: "."))
        }
        return text
    }

    func content(for kind: ZaloEventKind) throws -> InboundContent {
        switch kind {
        case .text:
            guard let text = message?["text"]?.text else { throw missing("message.text") }
            return .text(text.precomposedStringWithCanonicalMapping)
        case .image:
            let (index, payload) = try attachmentPayload(preferring: "image")
            return .image(url: try url(in: payload, index: index), caption: caption)
        case .file:
            let (index, payload) = try attachmentPayload(preferring: "file")
            let name = payload["name"]?.text.flatMap(nonEmpty)?.precomposedStringWithCanonicalMapping
            return .file(url: try url(in: payload, index: index), name: name)
        case .sticker:
            let (index, payload) = try attachmentPayload(preferring: "sticker")
            guard let id = (payload["id"]?.text).flatMap(nonEmpty) ?? (payload["url"]?.text).flatMap(nonEmpty) else {
                throw missing("message.attachments[\(index)].payload.id")
            }
            return .sticker(id: id)
        case .location:
            return try location()
        case .follow:
            return .follow
        case .unfollow:
            return .unfollow
        case .submitInfo:
            guard let info = root["info"]?.objectMembers else { throw missing("info") }
            return .submittedInfo(Self.flatten(info))
        case .unsupported(let name):
            return .unsupported(kind: name)
        }
    }

    /// The caption of a media message, which Zalo puts in `message.text`.
    private var caption: String? {
        (message?["text"]?.text).flatMap(nonEmpty)?.precomposedStringWithCanonicalMapping
    }

    /// Returns the first attachment of type `type`, or the first attachment when none has that type.
    private func attachmentPayload(preferring type: String) throws -> (index: Int, payload: JSONValue) {
        guard let attachments = message?["attachments"]?.arrayElements, !attachments.isEmpty else {
            throw missing("message.attachments")
        }
        let index = attachments.firstIndex { $0["type"]?.text == type } ?? 0
        guard let payload = attachments[index]["payload"], payload.objectMembers != nil else {
            throw missing("message.attachments[\(index)].payload")
        }
        return (index, payload)
    }

    private func url(in payload: JSONValue, index: Int) throws -> String {
        guard let url = (payload["url"]?.text).flatMap(nonEmpty) else {
            throw missing("message.attachments[\(index)].payload.url")
        }
        return url
    }

    /// Reads coordinates from `message.attachments[].payload.coordinates`, or from a top-level
    /// `message.location` that some senders use. Both may hold numbers or decimal strings.
    private func location() throws -> InboundContent {
        let attachments = message?["attachments"]?.arrayElements ?? []
        if let index = attachments.firstIndex(where: { $0["payload"]?["coordinates"] != nil }) {
            let coordinates = attachments[index]["payload"]?["coordinates"]
            return try validLocation(coordinates, field: "message.attachments[\(index)].payload.coordinates")
        }

        if let location = message?["location"] {
            let coordinates = location["coordinates"] ?? location
            return try validLocation(coordinates, field: "message.location")
        }
        throw missing("message.attachments[].payload.coordinates")
    }

    private func validLocation(_ coordinates: JSONValue?, field: String) throws -> InboundContent {
        guard let latitude = coordinates?["latitude"]?.doubleValue else { throw missing("\(field).latitude") }
        guard let longitude = coordinates?["longitude"]?.doubleValue else { throw missing("\(field).longitude") }

        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw invalid("\(field).latitude", "is outside -90...90")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw invalid("\(field).longitude", "is outside -180...180")
        }
        return .location(latitude: latitude, longitude: longitude)
    }

    /// Flattens `user_submit_info` fields into text by field name.
    ///
    /// Nested objects such as `full_address` contribute their own fields under their own names
    /// (`user_city`, `user_address`), unless a top-level field already has that name. Empty
    /// strings, nulls and arrays are dropped. Booleans become "true" or "false".
    static func flatten(_ info: [String: JSONValue]) -> [String: String] {
        var fields: [String: String] = [:]
        var nested: [(key: String, members: [String: JSONValue])] = []

        for (key, value) in info {
            switch value {
            case .string(let text):
                if let text = nonEmpty(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    fields[key] = text.precomposedStringWithCanonicalMapping
                }
            case .number(let text):
                fields[key] = text
            case .bool(let flag):
                fields[key] = flag ? "true" : "false"
            case .object(let members):
                nested.append((key, members))
            case .array, .null:
                break
            }
        }

        // Sorting makes the first nested object win on a name clash, whatever the dictionary order.
        for (_, members) in nested.sorted(by: { $0.key < $1.key }) {
            fields.merge(flatten(members)) { existing, _ in existing }
        }
        return fields
    }

    private func missing(_ field: String) -> ChannelError {
        ChannelError.malformedBody("missing field \(field) in \(eventName)")
    }

    private func invalid(_ field: String, _ problem: String) -> ChannelError {
        ChannelError.malformedBody("field \(field) in \(eventName) \(problem)")
    }
}

private func nonEmpty(_ text: String) -> String? {
    text.isEmpty ? nil : text
}
