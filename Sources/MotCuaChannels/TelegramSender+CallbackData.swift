import MotCuaCore
import MotCuaCrypto

extension TelegramSender {
    /// Telegram accepts 1 to 64 bytes of UTF-8 in `callback_data`.
    public static let maxCallbackDataBytes = 64
    /// Marks a `callback_data` that stands for a longer button value.
    public static let hashedCallbackPrefix = "b:"

    /// Returns the `callback_data` sent for a button value.
    ///
    /// The value is normalized to NFC first. A value of 1 to 64 UTF-8 bytes that does not start
    /// with `b:` is sent as it is. Any other value becomes `b:` and the first 16 hex digits of the
    /// SHA-256 of its UTF-8, which is 18 bytes and the same on every run. Hashing is one-way, so
    /// the server maps a pressed `b:` key back with `buttonValue(forCallbackData:among:)`, using
    /// the buttons of the step that expects a reply.
    public static func callbackValue(for value: String) -> String {
        let normalized = value.precomposedStringWithCanonicalMapping
        let byteCount = normalized.utf8.count
        if byteCount >= 1, byteCount <= maxCallbackDataBytes, !normalized.hasPrefix(hashedCallbackPrefix) {
            return normalized
        }
        // The key keeps 64 bits of the digest, so by the birthday bound an even chance of a clash needs
        // about 4 billion distinct values.
        let digest = Digest.sha256(Array(normalized.utf8))
        return hashedCallbackPrefix + String(Digest.hex(digest).prefix(16))
    }

    /// Returns the value of the button whose `callback_data` is `data`, or nil when none matches.
    ///
    /// Data without the `b:` prefix is the value itself, so it is returned unchanged even when the
    /// buttons are not known any more.
    public static func buttonValue(forCallbackData data: String, among buttons: [ReplyButton]) -> String? {
        guard data.hasPrefix(hashedCallbackPrefix) else { return data }
        return buttons.first { callbackValue(for: $0.value) == data }?.value
    }
}
