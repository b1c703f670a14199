import Foundation

/// Fills a broadcast's placeholders for one recipient and builds the message.
///
/// Placeholders: `{xa}` is the recipient's commune as they subscribed, or "toàn tỉnh" for a
/// whole-province subscription. `{ngay}` is the sending date as dd/MM/yyyy in the broadcast time
/// zone. Any other `{…}` is left as written.
public enum BroadcastText {
    public static let placeholders = ["xa", "ngay"]
    public static let wholeProvince = "toàn tỉnh"

    public static func render(_ text: String, commune: String, date: CivilDate) -> String {
        let day = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
        return
            text
            .replacingOccurrences(of: "{xa}", with: commune.isEmpty ? wholeProvince : commune)
            .replacingOccurrences(of: "{ngay}", with: day)
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
