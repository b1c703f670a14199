import MotCuaCore

extension MessengerWebhook {
    /// Decodes one webhook body into the citizen events it carries, without checking the signature.
    ///
    /// Every `entry[]` and every `messaging[]` item inside it is read, in order. An entry with
    /// `standby[]` (handover protocol, another app owns the thread) yields one ignored `standby` item
    /// per event. Echoes of the Page's own messages, delivery and read receipts and unhandled events
    /// are listed in `ignored`. The user id is `sender.id` kept as text, the event id is `message.mid`,
    /// and message text is normalized to NFC.
    ///
    /// - Throws: `ChannelError.malformedBody` naming the first missing or invalid field, with its
    ///   path such as `entry[0].messaging[1].sender.id`.
    public static func decode(body: [UInt8]) throws -> MessengerWebhookBatch {
        guard let root = JSONValue.parse(body), root.objectMembers != nil else {
            throw ChannelError.malformedBody("body is not a JSON object")
        }
        guard let object = root["object"]?.text else {
            throw ChannelError.malformedBody("missing field object")
        }
        guard object == "page" else {
            throw ChannelError.malformedBody("field object is \(object.prefix(40)), expected page")
        }
        guard let entries = root["entry"]?.arrayElements else {
            throw ChannelError.malformedBody("missing field entry")
        }

        var batch = MessengerWebhookBatch()
        for (entryIndex, entry) in entries.enumerated() {
            let entryPath = "entry[\(entryIndex)]"
            guard entry.objectMembers != nil else {
                throw ChannelError.malformedBody("\(entryPath) is not an object")
            }

            if let standby = entry["standby"]?.arrayElements {
                batch.ignored += Array(repeating: "standby", count: standby.count)
            }
            guard let messaging = entry["messaging"] else { continue }
            guard let items = messaging.arrayElements else {
                throw ChannelError.malformedBody("\(entryPath).messaging is not an array")
            }

            for (itemIndex, item) in items.enumerated() {
                let decoded = MessengerMessagingItem(root: item, path: "\(entryPath).messaging[\(itemIndex)]")
                switch try decoded.decode() {
                case .event(let event): batch.events.append(event)
                case .ignored(let kind): batch.ignored.append(kind)
                }
            }
        }
        return batch
    }
}
