/// Builds Telegram update bodies shaped like the ones Telegram posts to a webhook, for the demo and tests.
///
/// Bodies are compact JSON for a private chat whose id is also the sender's user id. `date` is in
/// Unix seconds, as Telegram sends it.
public enum TelegramWebhookBuilder {
    public static func textUpdate(text: String, chatID: Int64, updateID: Int64, messageID: Int64, date: Int64)
        -> [UInt8]
    {
        message(
            chatID: chatID, updateID: updateID, messageID: messageID, date: date,
            content: "\"text\":\(JSONText.quoted(text))")
    }

    /// `fileIDs` are the photo sizes from smallest to largest, each twice as wide as the one before.
    public static func photoUpdate(
        fileIDs: [String], caption: String?, chatID: Int64, updateID: Int64, messageID: Int64, date: Int64
    ) -> [UInt8] {
        let sizes = fileIDs.enumerated().map { index, fileID in
            let width = 90 << index
            return
                "{\"file_id\":\(JSONText.quoted(fileID)),\"file_unique_id\":\(JSONText.quoted("U\(index)-" + fileID)),"
                + "\"width\":\(width),\"height\":\(width * 3 / 4)}"
        }
        var content = "\"photo\":[\(sizes.joined(separator: ","))]"
        if let caption {
            content += ",\"caption\":\(JSONText.quoted(caption))"
        }
        return message(chatID: chatID, updateID: updateID, messageID: messageID, date: date, content: content)
    }

    public static func locationUpdate(
        latitude: Double, longitude: Double, chatID: Int64, updateID: Int64, messageID: Int64, date: Int64
    ) -> [UInt8] {
        let content = "\"location\":{\"latitude\":\(latitude),\"longitude\":\(longitude)}"
        return message(chatID: chatID, updateID: updateID, messageID: messageID, date: date, content: content)
    }

    /// Builds a button press on the bot's message `messageID`, which was sent at `date`.
    public static func callbackUpdate(
        data: String, callbackQueryID: String, chatID: Int64, updateID: Int64, messageID: Int64, date: Int64
    ) -> [UInt8] {
        let members = [
            "\"id\":\(JSONText.quoted(callbackQueryID))",
            "\"from\":\(user(chatID))",
            "\"message\":{\"message_id\":\(messageID),\"from\":\(botUser),\"chat\":\(chat(chatID)),\"date\":\(date),"
                + "\"text\":\"\"}",
            "\"chat_instance\":\(JSONText.quoted("CI_\(chatID)"))",
            "\"data\":\(JSONText.quoted(data))",
        ]
        return Array("{\"update_id\":\(updateID),\"callback_query\":{\(members.joined(separator: ","))}}".utf8)
    }

    private static func message(chatID: Int64, updateID: Int64, messageID: Int64, date: Int64, content: String)
        -> [UInt8]
    {
        let message =
            "{\"message_id\":\(messageID),\"from\":\(user(chatID)),\"chat\":\(chat(chatID)),\"date\":\(date),\(content)}"
        return Array("{\"update_id\":\(updateID),\"message\":\(message)}".utf8)
    }

    private static let botUser =
        "{\"id\":100000001,\"is_bot\":true,\"first_name\":\"MotCua\",\"username\":\"motcua_test_bot\"}"

    private static func user(_ id: Int64) -> String {
        "{\"id\":\(id),\"is_bot\":false,\"first_name\":\"Công dân\",\"language_code\":\"vi\"}"
    }

    private static func chat(_ id: Int64) -> String {
        "{\"id\":\(id),\"first_name\":\"Công dân\",\"type\":\"private\"}"
    }
}
