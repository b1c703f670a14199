/// The language of the replay's output: Vietnamese unless `--lang en` or `MOTCUA_LANG=en` asks
/// for English.
public enum ReplayLanguage: String, Sendable {
    case vietnamese = "vi"
    case english = "en"

    /// Reads `--lang`'s value or `MOTCUA_LANG`; nil for a language the replay does not print.
    public init?(code: String) {
        switch code.lowercased() {
        case "vi": self = .vietnamese
        case "en": self = .english
        default: return nil
        }
    }

    /// Picks the text for this language.
    func pick(_ vietnamese: String, _ english: String) -> String {
        self == .vietnamese ? vietnamese : english
    }
}
