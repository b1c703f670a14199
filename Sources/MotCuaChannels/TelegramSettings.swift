/// Telegram bot credentials and endpoints used to verify webhooks and send replies.
public struct TelegramSettings: Sendable {
    /// How `sendMessage` asks Telegram to read the text.
    public enum ParseMode: String, Sendable {
        /// No `parse_mode`: the text is shown as written and needs no escaping.
        case plain
        /// `parse_mode` MarkdownV2 with every reserved character escaped, so the text still shows as written.
        case markdownV2 = "MarkdownV2"
    }

    /// The bot token from BotFather. It is part of every API URL, so it must never reach a log or an error.
    public var token: String
    /// The `secret_token` given to `setWebhook`, which Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`.
    public var secretToken: String
    /// Base URL of the Bot API, without a trailing path.
    public var apiBase: String
    public var parseMode: ParseMode

    public init(
        token: String, secretToken: String, apiBase: String = "https://api.telegram.org", parseMode: ParseMode = .plain
    ) {
        self.token = token
        self.secretToken = secretToken
        self.apiBase = apiBase
        self.parseMode = parseMode
    }

    /// Returns the URL of a Bot API method, such as `sendMessage`.
    func methodURL(_ method: String) -> String {
        var base = Substring(apiBase)
        while base.hasSuffix("/") {
            base = base.dropLast()
        }
        return "\(base)/bot\(token)/\(method)"
    }
}
