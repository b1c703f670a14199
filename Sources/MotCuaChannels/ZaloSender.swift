import Foundation
import MotCuaCore

/// Builds Zalo OA consultation-message requests and classifies Zalo's responses.
public enum ZaloSender {
    /// Maximum length of one text message, counted in Characters after NFC normalization.
    /// NOTE: Zalo documents 2,000 characters without saying whether it counts grapheme clusters,
    /// code points or UTF-16 units, so text with emoji may need a lower limit.
    public static let maxTextCharacters = 2000

    /// Builds the `POST {apiBase}/v3.0/oa/message/cs` requests that send `message` to the OA-scoped
    /// user `userID`.
    ///
    /// Buttons are appended to the text as a numbered list ("1. Nam"), unless the text already
    /// contains every numbered line, so the citizen replies by typing the number or the title.
    /// NOTE: Zalo's `list` template with `oa.query` buttons is confirmed only on the v2 API, so
    /// buttons are not sent as a template on v3.
    ///
    /// Text longer than `maxTextCharacters` becomes several requests, to be sent in order.
    /// A message whose text and buttons are both empty yields no request.
    public static func requests(for message: OutboundMessage, to userID: String, settings: ZaloSettings)
        -> [OutboundHTTPRequest]
    {
        let text = renderedText(message).precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { return [] }

        let url = settings.apiBase.trimmingTrailingSlashes() + "/v3.0/oa/message/cs"
        let headers = ["access_token": settings.accessToken, "Content-Type": "application/json"]

        return MessageSplitter.split(text, maxCharacters: maxTextCharacters).map { part in
            let body =
                "{\"recipient\":{\"user_id\":\(JSONText.quoted(userID))},\"message\":{\"text\":\(JSONText.quoted(part))}}"
            return OutboundHTTPRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8))
        }
    }

    /// Returns the message text followed by its buttons as numbered lines.
    static func renderedText(_ message: OutboundMessage) -> String {
        let lines = message.buttons.enumerated().map { index, button in "\(index + 1). \(button.title)" }
        guard !lines.isEmpty else { return message.text }

        let normalizedText = message.text.precomposedStringWithCanonicalMapping
        let alreadyListed = lines.allSatisfy { normalizedText.contains($0.precomposedStringWithCanonicalMapping) }
        if alreadyListed {
            return message.text
        }

        let list = lines.joined(separator: "\n")
        return message.text.isEmpty ? list : message.text + "\n\n" + list
    }
}

extension String {
    fileprivate func trimmingTrailingSlashes() -> String {
        var trimmed = Substring(self)
        while trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        return String(trimmed)
    }
}
