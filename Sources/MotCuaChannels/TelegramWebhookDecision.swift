import MotCuaCore

/// The server's action for one decoded Telegram update.
public enum TelegramWebhookDecision: Sendable, Equatable {
    /// A citizen event to store and process. `callbackQueryID` is set for a button press, and the
    /// server answers it with `TelegramSender.answerCallbackQuery` so the client stops its spinner.
    case event(InboundEvent, callbackQueryID: String?)
    /// An update acknowledged with HTTP 200 and not replied to, such as an edit, a group message
    /// or an update type this adapter does not handle. A callback query without `data` is ignored
    /// too, but still carries its id because it must be answered.
    case ignored(reason: String, callbackQueryID: String?)

    /// The callback query to answer, if the update was one.
    public var callbackQueryID: String? {
        switch self {
        case .event(_, let id): id
        case .ignored(_, let id): id
        }
    }
}
