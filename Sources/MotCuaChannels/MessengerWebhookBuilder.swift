/// Builds signed Messenger webhook bodies shaped like the ones Meta posts, for the demo, tests and
/// the mock platform.
///
/// Bodies are compact JSON with one entry and one `messaging[]` item, strings in Meta's escaped
/// form, and ids and timestamps as given. Each builder returns the body and the matching
/// `X-Hub-Signature-256` value under `settings`.
public enum MessengerWebhookBuilder {
    public typealias SignedBody = (body: [UInt8], signature: String)

    /// Ids and times shared by every builder. `entryTimeMillis` defaults to `timestampMillis`.
    public struct Envelope: Sendable {
        public var senderID: String
        public var pageID: String
        public var timestampMillis: Int64
        public var entryTimeMillis: Int64

        public init(senderID: String, pageID: String = "PAGE_ID", timestampMillis: Int64, entryTimeMillis: Int64? = nil)
        {
            self.senderID = senderID
            self.pageID = pageID
            self.timestampMillis = timestampMillis
            self.entryTimeMillis = entryTimeMillis ?? timestampMillis
        }
    }

    public static func textEvent(text: String, mid: String, envelope: Envelope, settings: MessengerSettings)
        -> SignedBody
    {
        let message = "{\"mid\":\(quoted(mid)),\"text\":\(quoted(text))}"
        return signed(event: "\"message\":\(message)", envelope: envelope, settings: settings)
    }

    /// Builds a tapped quick reply. Meta sends the button title as `text` and its value as the payload.
    public static func quickReplyEvent(
        title: String, payload: String, mid: String, envelope: Envelope, settings: MessengerSettings
    ) -> SignedBody {
        let message =
            "{\"mid\":\(quoted(mid)),\"text\":\(quoted(title)),\"quick_reply\":{\"payload\":\(quoted(payload))}}"
        return signed(event: "\"message\":\(message)", envelope: envelope, settings: settings)
    }

    /// Builds a postback from a button, Get Started or the persistent menu. `mid` is omitted when nil.
    public static func postbackEvent(
        title: String, payload: String, mid: String?, envelope: Envelope, settings: MessengerSettings
    ) -> SignedBody {
        let midMember = mid.map { "\"mid\":\(quoted($0))," } ?? ""
        let postback = "{\(midMember)\"title\":\(quoted(title)),\"payload\":\(quoted(payload))}"
        return signed(event: "\"postback\":\(postback)", envelope: envelope, settings: settings)
    }

    public static func imageEvent(url: String, mid: String, envelope: Envelope, settings: MessengerSettings)
        -> SignedBody
    {
        let attachment = "{\"type\":\"image\",\"payload\":{\"url\":\(quoted(url))}}"
        let message = "{\"mid\":\(quoted(mid)),\"attachments\":[\(attachment)]}"
        return signed(event: "\"message\":\(message)", envelope: envelope, settings: settings)
    }

    private static func signed(event: String, envelope: Envelope, settings: MessengerSettings) -> SignedBody {
        let item =
            "{\"sender\":{\"id\":\(quoted(envelope.senderID))},\"recipient\":{\"id\":\(quoted(envelope.pageID))},"
            + "\"timestamp\":\(envelope.timestampMillis),\(event)}"
        let json =
            "{\"object\":\"page\",\"entry\":[{\"id\":\(quoted(envelope.pageID)),\"time\":\(envelope.entryTimeMillis),"
            + "\"messaging\":[\(item)]}]}"
        let body = Array(json.utf8)
        return (body, MessengerWebhook.signatureHeaderValue(body: body, settings: settings))
    }

    private static func quoted(_ value: String) -> String {
        MessengerJSONText.quoted(value)
    }
}
