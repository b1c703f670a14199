import Foundation
import MotCuaCore

/// Field access into one Telegram update. Every failure names the field by its path in the update.
struct TelegramPayload {
    let root: JSONValue
    let eventID: String

    /// Message content keys the bot cannot read, reported as `.unsupported(kind:)` under these names.
    static let unsupportedKinds = [
        "voice", "video", "video_note", "audio", "animation", "poll", "dice", "game", "venue", "story",
    ]

    func messageDecision() throws -> TelegramWebhookDecision {
        let message = try object(at: ["message"])
        let chatType = message["chat"]?["type"]?.text
        guard chatType == "private" else {
            return .ignored(reason: "message in a \(chatType ?? "unknown") chat", callbackQueryID: nil)
        }

        let userID = try chatID(at: ["message", "chat", "id"])
        let timestamp = try dateMillis(at: ["message", "date"])
        let content = try messageContent(message)
        return .event(event(userID: userID, timestamp: timestamp, content: content), callbackQueryID: nil)
    }

    func callbackDecision(receivedAtMillis: Int64?) throws -> TelegramWebhookDecision {
        let query = try object(at: ["callback_query"])
        guard let queryID = query["id"]?.text, !queryID.isEmpty else {
            throw missing("callback_query.id")
        }
        guard let data = query["data"]?.text, !data.isEmpty else {
            return .ignored(reason: "callback query without data", callbackQueryID: queryID)
        }

        // The chat of the message with the buttons is the conversation. An inline-mode button has no
        // message, and then the sender's id is the private chat id.
        let userID: String
        if query["message"]?["chat"]?["id"] != nil {
            guard query["message"]?["chat"]?["type"]?.text ?? "private" == "private" else {
                return .ignored(reason: "callback query in a group chat", callbackQueryID: queryID)
            }
            userID = try chatID(at: ["callback_query", "message", "chat", "id"])
        } else {
            userID = try chatID(at: ["callback_query", "from", "id"])
        }

        // An inaccessible message has date 0, which is kept when the caller passes no time.
        let timestamp = try receivedAtMillis ?? optionalDateMillis(at: ["callback_query", "message", "date"]) ?? 0
        let content = InboundContent.button(data.precomposedStringWithCanonicalMapping)
        return .event(event(userID: userID, timestamp: timestamp, content: content), callbackQueryID: queryID)
    }

    /// Maps `my_chat_member` in a private chat: status `kicked` means the user blocked the bot and
    /// `member` means they unblocked or started it.
    func memberDecision() throws -> TelegramWebhookDecision {
        let update = try object(at: ["my_chat_member"])
        guard update["chat"]?["type"]?.text == "private" else {
            return .ignored(reason: "my_chat_member outside a private chat", callbackQueryID: nil)
        }
        guard let status = update["new_chat_member"]?["status"]?.text else {
            throw missing("my_chat_member.new_chat_member.status")
        }

        let content: InboundContent
        switch status {
        case "kicked": content = .unfollow
        case "member": content = .follow
        default: return .ignored(reason: "my_chat_member status \(status)", callbackQueryID: nil)
        }

        let userID = try chatID(at: ["my_chat_member", "chat", "id"])
        let timestamp = try dateMillis(at: ["my_chat_member", "date"])
        return .event(event(userID: userID, timestamp: timestamp, content: content), callbackQueryID: nil)
    }

    private func messageContent(_ message: JSONValue) throws -> InboundContent {
        if let text = message["text"]?.text {
            return .text(text.precomposedStringWithCanonicalMapping)
        }
        if let sizes = message["photo"]?.arrayElements {
            return .image(url: try largestPhotoURL(sizes), caption: caption(of: message))
        }
        if message["location"] != nil {
            return try location(message)
        }
        if message["contact"] != nil {
            return try contact(message)
        }
        if let document = message["document"] {
            let url = try fileURL(document, field: "message.document.file_id")
            let name = (document["file_name"]?.text).flatMap(nonEmpty)?.precomposedStringWithCanonicalMapping
            return .file(url: url, name: name)
        }
        if let sticker = message["sticker"] {
            guard let id = (sticker["file_id"]?.text).flatMap(nonEmpty) else {
                throw missing("message.sticker.file_id")
            }
            return .sticker(id: id)
        }
        if let kind = Self.unsupportedKinds.first(where: { message[$0] != nil }) {
            return .unsupported(kind: kind)
        }
        return .unsupported(kind: "unknown")
    }

    /// Picks the size with the most pixels. Telegram lists sizes smallest first, so a tie keeps the later one.
    private func largestPhotoURL(_ sizes: [JSONValue]) throws -> String {
        guard !sizes.isEmpty else { throw missing("message.photo[0]") }

        var best = 0
        var bestArea = -1.0
        for (index, size) in sizes.enumerated() {
            let area = (size["width"]?.doubleValue ?? 0) * (size["height"]?.doubleValue ?? 0)
            if area >= bestArea {
                best = index
                bestArea = area
            }
        }
        return try fileURL(sizes[best], field: "message.photo[\(best)].file_id")
    }

    private func fileURL(_ file: JSONValue, field: String) throws -> String {
        guard let fileID = (file["file_id"]?.text).flatMap(nonEmpty) else { throw missing(field) }
        return TelegramWebhook.fileURLPrefix + fileID
    }

    private func caption(of message: JSONValue) -> String? {
        (message["caption"]?.text).flatMap(nonEmpty)?.precomposedStringWithCanonicalMapping
    }

    private func location(_ message: JSONValue) throws -> InboundContent {
        guard let latitude = message["location"]?["latitude"]?.doubleValue else {
            throw missing("message.location.latitude")
        }
        guard let longitude = message["location"]?["longitude"]?.doubleValue else {
            throw missing("message.location.longitude")
        }
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw invalid("message.location.latitude", "is outside -90...90")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw invalid("message.location.longitude", "is outside -180...180")
        }
        return .location(latitude: latitude, longitude: longitude)
    }

    /// Maps a shared contact to the `phone` and `name` fields that form submissions use.
    private func contact(_ message: JSONValue) throws -> InboundContent {
        let contact = message["contact"]
        guard let phone = (contact?["phone_number"]?.text).flatMap(nonEmpty) else {
            throw missing("message.contact.phone_number")
        }

        var fields = ["phone": phone]
        let nameParts = [contact?["first_name"]?.text, contact?["last_name"]?.text]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        if !nameParts.isEmpty {
            fields["name"] = nameParts.joined(separator: " ").precomposedStringWithCanonicalMapping
        }
        return .submittedInfo(fields)
    }

    private func event(userID: String, timestamp: Int64, content: InboundContent) -> InboundEvent {
        InboundEvent(channel: .telegram, eventID: eventID, userID: userID, timestampMillis: timestamp, content: content)
    }

    private func object(at path: [String]) throws -> JSONValue {
        guard let value = value(at: path), value.objectMembers != nil else {
            throw missing(path.joined(separator: "."))
        }
        return value
    }

    /// Reads a chat or user id as the integer text Telegram wrote, without a round trip through Double.
    private func chatID(at path: [String]) throws -> String {
        let field = path.joined(separator: ".")
        guard let id = value(at: path)?.text else { throw missing(field) }
        guard Int64(id) != nil else { throw invalid(field, "is not an integer") }
        return id
    }

    private func dateMillis(at path: [String]) throws -> Int64 {
        guard let millis = try optionalDateMillis(at: path) else { throw missing(path.joined(separator: ".")) }
        return millis
    }

    /// Converts a Unix date in seconds to milliseconds, or returns nil when the field is absent.
    private func optionalDateMillis(at path: [String]) throws -> Int64? {
        guard let text = value(at: path)?.text else { return nil }
        guard let seconds = Int64(text), seconds >= 0, seconds < Int64.max / 1000 else {
            throw invalid(path.joined(separator: "."), "is not a non-negative number of seconds")
        }
        return seconds * 1000
    }

    private func value(at path: [String]) -> JSONValue? {
        var value: JSONValue? = root
        for key in path {
            value = value?[key]
        }
        return value
    }

    private func missing(_ field: String) -> ChannelError {
        ChannelError.malformedBody("missing field \(field) in \(eventID)")
    }

    private func invalid(_ field: String, _ problem: String) -> ChannelError {
        ChannelError.malformedBody("field \(field) in \(eventID) \(problem)")
    }
}

private func nonEmpty(_ text: String) -> String? {
    text.isEmpty ? nil : text
}
