import MotCuaCrypto

/// Verifies and decodes the updates Telegram posts to the webhook.
public enum TelegramWebhook {
    public static let secretHeaderName = "X-Telegram-Bot-Api-Secret-Token"
    /// Prefix of the `url` in decoded image and file content. A Telegram `file_id` follows it, and
    /// the file itself is fetched with `getFile` using the bot token.
    public static let fileURLPrefix = "telegram-file:"

    /// Checks `X-Telegram-Bot-Api-Secret-Token` against the configured secret token.
    ///
    /// Telegram signs no body, so this header is the whole check, and it must run before the body
    /// is parsed. The header is compared byte for byte without trimming, so a changed letter case
    /// or a trailing space is rejected. Both values are hashed before a constant-time comparison,
    /// so neither the content nor the length of the secret shows in the timing.
    ///
    /// - Throws: `ChannelError` with code `.missingSignature` when the header is absent or empty,
    ///   and `.badSignature` when it does not match or no secret token is configured.
    public static func verify(secretHeader: String?, settings: TelegramSettings) throws {
        guard let header = secretHeader, !header.isEmpty else {
            throw ChannelError.missingSignature("missing header \(secretHeaderName)")
        }
        // An empty configured secret would otherwise accept an empty header, so it rejects everything.
        guard !settings.secretToken.isEmpty else {
            throw ChannelError.badSignature("no secret token is configured for header \(secretHeaderName)")
        }

        let received = Digest.sha256(Array(header.utf8))
        let expected = Digest.sha256(Array(settings.secretToken.utf8))
        guard Digest.constantTimeEquals(received, expected) else {
            throw ChannelError.badSignature("header \(secretHeaderName) does not match the secret token")
        }
    }
}
