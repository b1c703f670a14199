/// Yes/no replies, in the forms elderly citizens type them.
public enum YesNoInput {
    /// Returns true for có, ừ, ừm, dạ, vâng, ok, yes, đúng, được, đồng ý, phải, rồi, 1, 👍 and similar.
    /// Returns false for không, ko, k, hông, no, sai, chưa, thôi, khỏi, 2 and similar, and nil when the
    /// reply is unclear. Diacritics are optional.
    ///
    /// Polite words before the reply ("dạ", "vâng", "thưa", "ừ") and after it ("ạ", "nhé", "nha", "luôn",
    /// "rồi") are ignored, so "dạ có", "da khong a", "ko ạ" and "vâng ạ" work, and "dạ" alone means yes.
    /// Hedges such as "có lẽ", "chắc vậy" and "không biết" return nil, so the flow can ask again.
    /// Words left by a failed Telex input method ("khoong", "dduwowcj") are recognised only after the
    /// plain comparison fails.
    public static func parse(_ text: String) -> Bool? {
        let normalized = VietnameseText.normalized(text)
        if approvingEmoji.contains(normalized) {
            return true
        }

        let key = VietnameseText.foldKey(normalized)
        if let answer = answer(forKey: key) {
            return answer
        }
        return answer(forKey: VietnameseText.telexLeftoverKey(key), telex: true)
    }

    private static func answer(forKey key: String, telex: Bool = false) -> Bool? {
        var words = key.split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last, trailingParticles.contains(last) {
            words.removeLast()
        }
        while words.count > 1, let first = words.first, leadingParticles.contains(first) {
            words.removeFirst()
        }

        let phrase = words.joined(separator: " ")
        let yes = telex ? telexYesPhrases : yesPhrases
        let no = telex ? telexNoPhrases : noPhrases
        if yes.contains(phrase) { return true }
        if no.contains(phrase) { return false }
        return nil
    }

    private static let approvingEmoji: Set<String> = ["👍", "👌", "✅"]

    /// "dạ", "vâng" and "thưa" before a reply only show respect, so "dạ không" means no. "ừ" before a
    /// reply acknowledges the question, so "ừ đúng rồi" means yes and "ừ không có" means no.
    private static let leadingParticles: Set<String> = ["da", "vang", "thua", "u", "uh", "um", "uhm"]

    private static let trailingParticles: Set<String> = ["a", "ah", "ak", "nhe", "nha", "nhen", "ha", "luon", "roi"]

    private static let yesPhrases: Set<String> = [
        "co", "u", "uh", "uhm", "um", "uk", "uki", "da", "vang", "ok", "oke", "okay", "oki", "okie", "yes", "y",
        "dung", "duoc", "dong y", "phai", "roi", "1", "co chu", "dung vay", "dung the", "dung roi", "phai roi",
        "chac chan", "chinh xac", "xac nhan", "tat nhien", "duoc chu", "co co",
    ]

    private static let noPhrases: Set<String> = [
        "khong", "ko", "k", "kh", "khg", "kg", "hong", "hok", "hem", "no", "n", "sai", "chua", "thoi", "khoi",
        "2", "khong phai", "ko phai", "k phai", "hong phai", "khong dung", "ko dung", "khong co", "ko co",
        "khong duoc", "ko duoc", "khong dong y", "ko dong y", "chua co", "sai roi", "khong can", "ko can",
        "thoi khong", "khong khong",
    ]

    private static let telexYesPhrases = Set(yesPhrases.map(VietnameseText.telexLeftoverKey))
    private static let telexNoPhrases = Set(noPhrases.map(VietnameseText.telexLeftoverKey))
}
