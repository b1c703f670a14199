import Foundation
import MotCuaCore

/// Builds Bot API requests for outgoing messages and reads Telegram's responses.
public enum TelegramSender {
    /// Telegram's limit on `sendMessage` text after entity parsing, counted in UTF-16 code units.
    public static let maxTextUTF16Units = 4096
    /// Telegram's limit on the notification text of `answerCallbackQuery`.
    public static let maxCallbackAnswerCharacters = 200

    /// Builds the `sendMessage` requests for `message`, to be sent in order.
    ///
    /// Text longer than `maxTextUTF16Units` is split on whitespace, and the buttons go with the last
    /// part as an inline keyboard with one button per row. Each button's `callback_data` comes from
    /// `callbackValue(for:)`. With `ParseMode.plain` no `parse_mode` is sent, so no escaping is needed;
    /// with `.markdownV2` each part is escaped after splitting. A message without text gets its button
    /// titles as a numbered list, because Telegram rejects empty text. A message whose text and
    /// buttons are both empty yields no request.
    ///
    /// `chatID` is written as a JSON number when it is an integer and as a string otherwise, such as
    /// `@channelname`.
    public static func requests(for message: OutboundMessage, chatID: String, settings: TelegramSettings)
        -> [OutboundHTTPRequest]
    {
        let text = visibleText(message).precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { return [] }

        let parts = TelegramTextSplitter.split(text, maxUTF16Units: maxTextUTF16Units)
        let keyboard = inlineKeyboard(message.buttons)

        return parts.enumerated().map { index, part in
            var members = ["\"chat_id\":\(chatIDJSON(chatID))"]
            switch settings.parseMode {
            case .plain:
                members.append("\"text\":\(JSONText.quoted(part))")
            case .markdownV2:
                members.append("\"text\":\(JSONText.quoted(TelegramMarkdownV2.escaped(part)))")
                members.append("\"parse_mode\":\"MarkdownV2\"")
            }
            if index == parts.count - 1, let keyboard {
                members.append("\"reply_markup\":\(keyboard)")
            }
            return jsonPost(settings.methodURL("sendMessage"), members: members)
        }
    }

    /// Builds the `answerCallbackQuery` request that stops the client's spinner after a button press.
    ///
    /// `text`, when given, is shown as a short notification and is cut to
    /// `maxCallbackAnswerCharacters` Characters.
    public static func answerCallbackQuery(id: String, text: String? = nil, settings: TelegramSettings)
        -> OutboundHTTPRequest
    {
        var members = ["\"callback_query_id\":\(JSONText.quoted(id))"]
        if let text, !text.isEmpty {
            let notification = String(text.precomposedStringWithCanonicalMapping.prefix(maxCallbackAnswerCharacters))
            members.append("\"text\":\(JSONText.quoted(notification))")
        }
        return jsonPost(settings.methodURL("answerCallbackQuery"), members: members)
    }

    private static func visibleText(_ message: OutboundMessage) -> String {
        guard message.text.isEmpty else { return message.text }
        return message.buttons.enumerated().map { index, button in "\(index + 1). \(button.title)" }
            .joined(separator: "\n")
    }

    /// Returns the `reply_markup` JSON, or nil when there are no buttons. Titles carry their
    /// number ("1. Nam"), because prompts say "gõ số" and a typed number picks that button.
    private static func inlineKeyboard(_ buttons: [ReplyButton]) -> String? {
        guard !buttons.isEmpty else { return nil }

        let rows = buttons.enumerated().map { index, button in
            let numbered = "\(index + 1). \(button.title)"
            let title = JSONText.quoted(numbered.precomposedStringWithCanonicalMapping)
            let data = JSONText.quoted(callbackValue(for: button.value))
            return "[{\"text\":\(title),\"callback_data\":\(data)}]"
        }
        return "{\"inline_keyboard\":[\(rows.joined(separator: ","))]}"
    }

    private static func chatIDJSON(_ chatID: String) -> String {
        Int64(chatID) != nil ? chatID : JSONText.quoted(chatID)
    }

    private static func jsonPost(_ url: String, members: [String]) -> OutboundHTTPRequest {
        let body = "{" + members.joined(separator: ",") + "}"
        return OutboundHTTPRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }
}
