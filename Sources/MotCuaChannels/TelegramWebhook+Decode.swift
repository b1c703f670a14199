import Foundation
import MotCuaCore

extension TelegramWebhook {
    /// Decodes one update into the citizen event it carries, without checking the secret header.
    ///
    /// The event id is `update:<update_id>`, so a re-sent update keeps its id. The user id is the
    /// private chat's `id` as the JSON wrote it, because chat ids can need more than 32 bits. Text and
    /// captions are normalized to NFC. Only private chats are decoded: edits, channel posts, group
    /// messages and unknown update types are ignored with a reason.
    ///
    /// A callback query has no date of its own, so its timestamp is `receivedAtMillis` when the
    /// caller passes one, and otherwise the date of the message that carries the buttons.
    ///
    /// - Throws: `ChannelError.malformedBody` naming the first missing or invalid field.
    public static func decode(body: [UInt8], receivedAtMillis: Int64? = nil) throws -> TelegramWebhookDecision {
        guard let root = JSONValue.parse(body), root.objectMembers != nil else {
            throw ChannelError.malformedBody("body is not a JSON object")
        }
        guard let updateID = root["update_id"]?.text, Int64(updateID) != nil else {
            throw ChannelError.malformedBody("missing or non-integer field update_id")
        }

        let update = TelegramPayload(root: root, eventID: "update:\(updateID)")
        if root["message"] != nil {
            return try update.messageDecision()
        }
        if root["callback_query"] != nil {
            return try update.callbackDecision(receivedAtMillis: receivedAtMillis)
        }
        if root["my_chat_member"] != nil {
            return try update.memberDecision()
        }

        // Edits may change fields the bot never read, and an answer already given cannot be changed.
        let ignoredKinds = ["edited_message", "channel_post", "edited_channel_post", "chat_member"]
        if let kind = ignoredKinds.first(where: { root[$0] != nil }) {
            return .ignored(reason: "update type \(kind)", callbackQueryID: nil)
        }
        let others = (root.objectMembers ?? [:]).keys.filter { $0 != "update_id" }.sorted()
        return .ignored(reason: "unhandled update type \(others.first ?? "(none)")", callbackQueryID: nil)
    }
}
