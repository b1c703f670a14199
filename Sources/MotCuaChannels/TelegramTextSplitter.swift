/// Splits outgoing text into parts that fit Telegram's limit, which counts UTF-16 code units, with
/// the cut rules of `MessageSplitter`.
public enum TelegramTextSplitter {
    /// Splits `text` into parts of at most `maxUTF16Units` UTF-16 code units, never inside a
    /// Character, so a letter keeps its combining marks and an emoji sequence stays whole.
    public static func split(_ text: String, maxUTF16Units: Int) -> [String] {
        precondition(maxUTF16Units > 0, "TelegramTextSplitter.split needs a positive maxUTF16Units")
        return MessageSplitter.split(text, maxUnits: maxUTF16Units, unitsOf: { $0.utf16.count })
    }
}
