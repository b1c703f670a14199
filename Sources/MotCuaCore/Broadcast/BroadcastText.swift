import Foundation

/// Fills a broadcast's placeholders for one recipient and builds the message.
///
/// Placeholders: `{xa}` is the recipient's commune as stored in their subscription, which is the full
/// name with its unit word ("Xã Bình Hòa", "Phường Tân Ninh"), or "toàn tỉnh" for a whole-province
/// subscription. `{ngay}` is the sending date as dd/MM/yyyy in the broadcast time zone. Any other
/// `{…}` is left as written.
public enum BroadcastText {
    public static let placeholders = ["xa", "ngay"]
    public static let wholeProvince = "toàn tỉnh"

    /// Unit words that officials may still write before `{xa}`; see `render`.
    private static let unitWords = ["xã", "phường", "đặc khu"]

    /// Returns `text` with its placeholders filled. A unit word written just before `{xa}` ("Xã {xa}")
    /// is dropped when the commune already starts with a unit word or is the whole province, so the
    /// text never reads "Xã Xã Bình Hòa" or "xã toàn tỉnh". A capital on the dropped word moves to the
    /// commune ("Xã {xa}" gives "Toàn tỉnh" at the start of a sentence).
    public static func render(_ text: String, commune: String, date: CivilDate) -> String {
        let day = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
        let name = commune.isEmpty ? wholeProvince : commune
        return fillCommune(text, name: name, hasUnitWord: commune.isEmpty || startsWithUnitWord(commune))
            .replacingOccurrences(of: "{ngay}", with: day)
    }

    private static func fillCommune(_ text: String, name: String, hasUnitWord: Bool) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "{xa}") {
            var before = rest[..<range.lowerBound]
            var filled = name
            if hasUnitWord, let unit = trailingUnitWord(before) {
                let capitalized = before[unit].first?.isUppercase == true
                before = before[..<unit.lowerBound]
                if capitalized { filled = filled.prefix(1).uppercased() + filled.dropFirst() }
            }
            result += before + filled
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Returns the range of a unit word and the spaces after it at the end of `text`, when the word
    /// starts the text or follows a non-letter.
    private static func trailingUnitWord(_ text: Substring) -> Range<Substring.Index>? {
        let trimmed = text.reversed().drop(while: { $0 == " " })
        guard trimmed.count < text.count else { return nil }
        let end = text.index(text.startIndex, offsetBy: trimmed.count)
        let head = text[..<end]
        for unit in unitWords {
            guard head.count >= unit.count else { continue }
            let start = head.index(head.endIndex, offsetBy: -unit.count)
            guard head[start...].lowercased() == unit else { continue }
            if start > head.startIndex, head[head.index(before: start)].isLetter { continue }
            return start..<text.endIndex
        }
        return nil
    }

    private static func startsWithUnitWord(_ commune: String) -> Bool {
        let lowercased = commune.lowercased()
        return unitWords.contains { lowercased.hasPrefix($0 + " ") }
    }

    /// Returns the placeholders in `text` that `render` does not know, in order of appearance.
    public static func unknownPlaceholders(in text: String) -> [String] {
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !placeholders.contains(name), !unknown.contains(name) { unknown.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }

    /// Builds the message for one recipient. The image URL and the link go on their own lines
    /// under the text, because every channel shows a URL in a text message.
    /// NOTE: images and link buttons are not sent as platform attachments or URL buttons.
    public static func message(for broadcast: Broadcast, commune: String, date: CivilDate) -> OutboundMessage {
        var lines = [render(broadcast.text, commune: commune, date: date)]
        if let image = broadcast.imageURL { lines.append("🖼 \(image)") }
        if let link = broadcast.link { lines.append("👉 \(link.title): \(link.url)") }
        return OutboundMessage(text: lines.joined(separator: "\n\n"))
    }
}
