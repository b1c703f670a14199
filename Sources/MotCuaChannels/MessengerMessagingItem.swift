import Foundation
import MotCuaCore

/// Field access into one `messaging[]` item of a Messenger webhook. Every failure names the field
/// by its full path.
struct MessengerMessagingItem {
    enum Result {
        case event(InboundEvent)
        /// The kind of an item the bot does not act on.
        case ignored(String)
    }

    let root: JSONValue
    /// Path of the item in the body, such as `entry[0].messaging[1]`.
    let path: String

    func decode() throws -> Result {
        guard root.objectMembers != nil else { throw invalid("", "is not an object") }

        if let message = root["message"] {
            if message["is_echo"] == .bool(true) {
                return .ignored("echo")
            }
            return .event(try event(eventID: try requiredText(at: ["message", "mid"]), content: try content(message)))
        }
        if let postback = root["postback"] {
            let payload = try requiredText(at: ["postback", "payload"])
            let mid = postback["mid"]?.text.flatMap(nonEmpty)
            let eventID = try mid ?? "postback:\(senderID()):\(timestampMillis())"
            return .event(try event(eventID: eventID, content: .button(payload)))
        }

        let known = ["delivery", "read", "reaction", "referral", "optin", "message_edit", "account_linking"]
        if let kind = known.first(where: { root[$0] != nil }) {
            return .ignored(kind)
        }
        let members = root.objectMembers ?? [:]
        let unknown = members.keys.sorted().first { !["sender", "recipient", "timestamp"].contains($0) }
        return .ignored(unknown ?? "unknown")
    }

    private func event(eventID: String, content: InboundContent) throws -> InboundEvent {
        InboundEvent(
            channel: .messenger, eventID: eventID, userID: try senderID(), timestampMillis: try timestampMillis(),
            content: content)
    }

    private func senderID() throws -> String {
        try requiredText(at: ["sender", "id"])
    }

    /// Reads `timestamp`, which Meta sends as epoch milliseconds.
    private func timestampMillis() throws -> Int64 {
        let text = try requiredText(at: ["timestamp"])
        guard let value = Int64(text), value >= 0 else {
            throw invalid("timestamp", "is not a non-negative whole number of milliseconds")
        }
        return value
    }

    /// Chooses the content of a `message`: a tapped quick reply, then the first attachment, then text.
    private func content(_ message: JSONValue) throws -> InboundContent {
        if let quickReply = message["quick_reply"] {
            guard let payload = quickReply["payload"]?.text.flatMap(nonEmpty) else {
                throw missing("message.quick_reply.payload")
            }
            return .button(payload)
        }

        let text = message["text"]?.text.map(\.precomposedStringWithCanonicalMapping)
        if let attachments = message["attachments"] {
            guard let first = attachments.arrayElements?.first else {
                throw invalid("message.attachments", "is not a non-empty array")
            }
            return try attachmentContent(first, caption: text.flatMap(nonEmpty))
        }

        guard let text else { throw missing("message.text") }
        return .text(text)
    }

    private func attachmentContent(_ attachment: JSONValue, caption: String?) throws -> InboundContent {
        let field = "message.attachments[0]"
        guard let type = attachment["type"]?.text.flatMap(nonEmpty) else { throw missing("\(field).type") }
        let payload = attachment["payload"]

        switch type {
        case "image":
            // Stickers arrive as images whose payload carries a sticker_id.
            if let stickerID = payload?["sticker_id"]?.text.flatMap(nonEmpty) {
                return .sticker(id: stickerID)
            }
            return .image(url: try url(in: payload, field: field), caption: caption)
        case "file":
            let name = payload?["name"]?.text.flatMap(nonEmpty)?.precomposedStringWithCanonicalMapping
            return .file(url: try url(in: payload, field: field), name: name)
        case "location":
            // NOTE: Meta's message webhook reference lists no location type, so this reads the
            // payload.coordinates.lat/long shape of older integrations, which is unconfirmed.
            guard let latitude = payload?["coordinates"]?["lat"]?.doubleValue,
                let longitude = payload?["coordinates"]?["long"]?.doubleValue,
                (-90...90).contains(latitude), (-180...180).contains(longitude)
            else {
                throw invalid("\(field).payload.coordinates", "does not contain a valid lat and long")
            }
            return .location(latitude: latitude, longitude: longitude)
        default:
            // Audio, video, link shares (fallback), reels, posts and future types.
            return .unsupported(kind: type)
        }
    }

    private func url(in payload: JSONValue?, field: String) throws -> String {
        guard let url = payload?["url"]?.text.flatMap(nonEmpty) else { throw missing("\(field).payload.url") }
        return url
    }

    private func requiredText(at keys: [String]) throws -> String {
        var value: JSONValue? = root
        for key in keys {
            value = value?[key]
        }
        guard let text = value?.text, !text.isEmpty else { throw missing(keys.joined(separator: ".")) }
        return text
    }

    private func missing(_ field: String) -> ChannelError {
        ChannelError.malformedBody("missing field \(path).\(field)")
    }

    private func invalid(_ field: String, _ problem: String) -> ChannelError {
        let name = field.isEmpty ? path : "\(path).\(field)"
        return ChannelError.malformedBody("field \(name) \(problem)")
    }
}

private func nonEmpty(_ text: String) -> String? {
    text.isEmpty ? nil : text
}
