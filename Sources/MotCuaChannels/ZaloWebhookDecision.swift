import MotCuaCore

/// The server's action for one decoded Zalo webhook.
public enum ZaloWebhookDecision: Sendable, Equatable {
    /// Citizen events to store and process. There is at most one, because Zalo posts one event per request.
    case events([InboundEvent])
    /// An event acknowledged with HTTP 200 and not replied to. These are the OA's own sends echoed
    /// back (`oa_send_*`), delivery and read receipts, and every event name this adapter does not handle.
    case ignored(eventName: String)
}
