import MotCuaCrypto

/// Builds signed Zalo webhook bodies shaped like the ones Zalo posts, for the demo, tests and
/// the mock platform.
///
/// Bodies are compact JSON with the keys in Zalo's order and the timestamp as a string. Each
/// builder returns the body and the matching `X-ZEvent-Signature` value under `settings`.
public enum ZaloWebhookBuilder {
    public typealias SignedBody = (body: [UInt8], signature: String)

    /// `appScopedUserID` fills `user_id_by_app` and defaults to `userID` with an `app_` prefix.
    public static func textEvent(
        text: String, userID: String, msgID: String, timestampMillis: Int64, settings: ZaloSettings,
        appScopedUserID: String? = nil
    ) -> SignedBody {
        let message = "{\"msg_id\":\(JSONText.quoted(msgID)),\"text\":\(JSONText.quoted(text))}"
        return userMessage(
            eventName: "user_send_text", message: message, userID: userID, appScopedUserID: appScopedUserID,
            timestampMillis: timestampMillis, settings: settings)
    }

    public static func imageEvent(
        url: String, caption: String?, userID: String, msgID: String, timestampMillis: Int64,
        settings: ZaloSettings, appScopedUserID: String? = nil
    ) -> SignedBody {
        let attachment =
            "{\"type\":\"image\",\"payload\":{\"url\":\(JSONText.quoted(url)),\"thumbnail\":\(JSONText.quoted(url))}}"
        let captionMember = caption.map { ",\"text\":\(JSONText.quoted($0))" } ?? ""
        let message = "{\"msg_id\":\(JSONText.quoted(msgID))\(captionMember),\"attachments\":[\(attachment)]}"
        return userMessage(
            eventName: "user_send_image", message: message, userID: userID, appScopedUserID: appScopedUserID,
            timestampMillis: timestampMillis, settings: settings)
    }

    /// Writes the coordinates as decimal strings, one of the two forms Zalo is reported to send.
    public static func locationEvent(
        latitude: Double, longitude: Double, userID: String, msgID: String, timestampMillis: Int64,
        settings: ZaloSettings, appScopedUserID: String? = nil
    ) -> SignedBody {
        let coordinates =
            "{\"latitude\":\(JSONText.quoted("\(latitude)")),\"longitude\":\(JSONText.quoted("\(longitude)"))}"
        let attachment = "{\"type\":\"location\",\"payload\":{\"coordinates\":\(coordinates)}}"
        let message = "{\"msg_id\":\(JSONText.quoted(msgID)),\"text\":\"\",\"attachments\":[\(attachment)]}"
        return userMessage(
            eventName: "user_send_location", message: message, userID: userID, appScopedUserID: appScopedUserID,
            timestampMillis: timestampMillis, settings: settings)
    }

    public static func followEvent(
        userID: String, timestampMillis: Int64, settings: ZaloSettings, appScopedUserID: String? = nil
    ) -> SignedBody {
        let members = [
            "\"oa_id\":\(JSONText.quoted(settings.oaID))",
            "\"follower\":{\"id\":\(JSONText.quoted(userID))}",
            "\"user_id_by_app\":\(JSONText.quoted(appScopedUserID ?? defaultAppScopedID(userID)))",
            "\"event_name\":\"follow\"",
            "\"source\":\"oa_profile\"",
            "\"app_id\":\(JSONText.quoted(settings.appID))",
            "\"timestamp\":\(JSONText.quoted(String(timestampMillis)))",
        ]
        return signed("{" + members.joined(separator: ",") + "}", timestampMillis: timestampMillis, settings: settings)
    }

    private static func userMessage(
        eventName: String, message: String, userID: String, appScopedUserID: String?, timestampMillis: Int64,
        settings: ZaloSettings
    ) -> SignedBody {
        let members = [
            "\"app_id\":\(JSONText.quoted(settings.appID))",
            "\"user_id_by_app\":\(JSONText.quoted(appScopedUserID ?? defaultAppScopedID(userID)))",
            "\"event_name\":\(JSONText.quoted(eventName))",
            "\"timestamp\":\(JSONText.quoted(String(timestampMillis)))",
            "\"sender\":{\"id\":\(JSONText.quoted(userID))}",
            "\"recipient\":{\"id\":\(JSONText.quoted(settings.oaID))}",
            "\"message\":\(message)",
        ]
        return signed("{" + members.joined(separator: ",") + "}", timestampMillis: timestampMillis, settings: settings)
    }

    private static func signed(_ json: String, timestampMillis: Int64, settings: ZaloSettings) -> SignedBody {
        let body = Array(json.utf8)
        let digest = ZaloWebhook.signatureDigest(body: body, timestamp: String(timestampMillis), settings: settings)
        return (body, "mac=" + Digest.hex(digest))
    }

    private static func defaultAppScopedID(_ userID: String) -> String {
        "app_" + userID
    }
}
