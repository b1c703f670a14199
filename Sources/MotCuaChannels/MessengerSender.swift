import Foundation
import MotCuaCore

/// Builds Messenger Send API requests and classifies the Graph API's responses.
public enum MessengerSender {
    /// Maximum length of one text message, counted in Characters after NFC normalization.
    /// NOTE: Meta documents 2,000 characters without saying how it counts them, so text with
    /// emoji may need a lower limit.
    public static let maxTextCharacters = 2000
    /// Maximum number of quick replies on one message.
    public static let maxQuickReplies = 13
    /// Quick-reply titles longer than this are shortened before sending.
    /// NOTE: the 20-character cut is stated for the Instagram variant of the quick-reply API.
    public static let maxQuickReplyTitleCharacters = 20
    /// Maximum quick-reply payload length. A longer button value turns all buttons into numbered text.
    /// NOTE: 1,000 is the commonly quoted cap, not one confirmed in Meta's reference.
    public static let maxQuickReplyPayloadCharacters = 1000

    /// Builds the `POST {apiBase}/{apiVersion}/me/messages` requests that send `message` to the
    /// page-scoped user `recipientID`, with `messaging_type` `RESPONSE`.
    ///
    /// The Page token goes in the `access_token` query parameter, as Meta's Send API reference shows.
    /// Text longer than `maxTextCharacters` becomes several requests, to be sent in order, and only
    /// the last one carries the quick replies. Buttons become quick replies with titles shortened to
    /// `maxQuickReplyTitleCharacters`. When there are more than `maxQuickReplies` buttons, or a value
    /// longer than `maxQuickReplyPayloadCharacters`, they are appended to the text as numbered lines
    /// instead, so the citizen replies by typing the number or the title. A message whose text and
    /// buttons are both empty yields no request.
    public static func requests(for message: OutboundMessage, recipientID: String, settings: MessengerSettings)
        -> [OutboundHTTPRequest]
    {
        let useQuickReplies = !message.buttons.isEmpty && fitsQuickReplies(message.buttons)
        let baseText = useQuickReplies && !message.text.isEmpty ? message.text : numberedText(message)
        let text = baseText.precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { return [] }

        let url = sendURL(settings: settings)
        let headers = ["Content-Type": "application/json"]
        let parts = MessageSplitter.split(text, maxCharacters: maxTextCharacters)

        return parts.enumerated().map { index, part in
            let isLast = index == parts.count - 1
            let quickReplies = useQuickReplies && isLast ? quickRepliesJSON(message.buttons) : nil
            let body = bodyJSON(recipientID: recipientID, text: part, quickReplies: quickReplies)
            return OutboundHTTPRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8))
        }
    }

    /// Returns a quick-reply title of at most `maxQuickReplyTitleCharacters`, cut at the last word
    /// break that keeps at least half the title, and ending with an ellipsis when shortened.
    public static func quickReplyTitle(_ title: String) -> String {
        let normalized = title.precomposedStringWithCanonicalMapping
        guard normalized.count > maxQuickReplyTitleCharacters else { return normalized }

        let truncated = normalized.prefix(maxQuickReplyTitleCharacters - 1)
        var cut = truncated.endIndex
        if let space = truncated.lastIndex(where: \.isWhitespace),
            truncated.distance(from: truncated.startIndex, to: space) >= maxQuickReplyTitleCharacters / 2
        {
            cut = space
        }
        let trimmed = truncated[..<cut].reversed().drop(while: \.isWhitespace).reversed()
        return String(trimmed) + "…"
    }

    static func sendURL(settings: MessengerSettings) -> String {
        var base = Substring(settings.apiBase)
        while base.hasSuffix("/") {
            base = base.dropLast()
        }
        let token = settings.pageToken.addingPercentEncoding(withAllowedCharacters: unreservedCharacters) ?? ""
        return "\(base)/\(settings.apiVersion)/me/messages?access_token=\(token)"
    }

    /// The characters RFC 3986 allows unescaped in a query value.
    private static let unreservedCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func fitsQuickReplies(_ buttons: [ReplyButton]) -> Bool {
        buttons.count <= maxQuickReplies
            && buttons.allSatisfy { button in
                !button.title.isEmpty && !button.value.isEmpty && button.value.count <= maxQuickReplyPayloadCharacters
            }
    }

    /// Returns the message text followed by its buttons as numbered lines ("1. Nam").
    private static func numberedText(_ message: OutboundMessage) -> String {
        let lines = message.buttons.enumerated().map { index, button in "\(index + 1). \(button.title)" }
        guard !lines.isEmpty else { return message.text }

        let list = lines.joined(separator: "\n")
        return message.text.isEmpty ? list : message.text + "\n\n" + list
    }

    private static func quickRepliesJSON(_ buttons: [ReplyButton]) -> String {
        let items = buttons.map { button in
            "{\"content_type\":\"text\",\"title\":\(JSONText.quoted(quickReplyTitle(button.title))),"
                + "\"payload\":\(JSONText.quoted(button.value))}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    private static func bodyJSON(recipientID: String, text: String, quickReplies: String?) -> String {
        let quickRepliesMember = quickReplies.map { ",\"quick_replies\":\($0)" } ?? ""
        return "{\"recipient\":{\"id\":\(JSONText.quoted(recipientID))},\"messaging_type\":\"RESPONSE\","
            + "\"message\":{\"text\":\(JSONText.quoted(text))\(quickRepliesMember)}}"
    }
}
