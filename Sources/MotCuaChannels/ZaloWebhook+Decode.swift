import Foundation
import MotCuaCore

extension ZaloWebhook {
    /// Decodes one webhook body into the citizen event it carries, without checking the signature.
    ///
    /// The user id is the OA-scoped `sender.id` (`follower.id` for follow events), kept as text even
    /// when the JSON has a number. The event id is `message.msg_id`, or
    /// `<event_name>:<user id>:<timestamp>` for events without one. Text is normalized to NFC.
    ///
    /// - Throws: `ChannelError.malformedBody` naming the first missing or invalid field.
    public static func decode(body: [UInt8]) throws -> ZaloWebhookDecision {
        try decision(from: try parseObject(body))
    }

    /// Decodes a body already parsed into a JSON object.
    static func decision(from root: JSONValue) throws -> ZaloWebhookDecision {
        guard let eventName = root["event_name"]?.text, !eventName.isEmpty else {
            throw ChannelError.malformedBody("missing field event_name")
        }
        guard let kind = ZaloEventKind(eventName: eventName) else {
            return .ignored(eventName: eventName)
        }

        let payload = ZaloPayload(root: root, eventName: eventName)
        let timestamp = try payload.timestampMillis()
        let userID = try payload.requiredText(at: kind.userIDPath)
        let content = try payload.content(for: kind)
        let eventID = payload.messageID ?? "\(eventName):\(userID):\(timestamp)"

        let event = InboundEvent(
            channel: .zalo, eventID: eventID, userID: userID, timestampMillis: timestamp, content: content)
        return .events([event])
    }
}
