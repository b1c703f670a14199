/// Escapes text for `parse_mode` MarkdownV2, so Telegram shows it exactly as written.
public enum TelegramMarkdownV2 {
    /// The characters MarkdownV2 reserves outside code spans and link targets. The backslash is
    /// escaped as well, because it starts an escape.
    static let reservedCharacters: Set<Character> = [
        "_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\\",
    ]

    /// Returns `text` with a backslash before every reserved character. Escapes do not count
    /// toward Telegram's 4,096-character limit, which applies after parsing.
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if reservedCharacters.contains(character) {
                output.append("\\")
            }
            output.append(character)
        }
        return output
    }
}
