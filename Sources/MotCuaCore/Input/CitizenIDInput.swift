/// Citizen ID numbers (số định danh cá nhân, printed on the thẻ căn cước).
///
/// Digits 1–3 are the code of the province where the birth was registered (001–096 for provinces).
/// Digit 4 encodes sex and century: 0/1 for 1900–1999, 2/3 for 2000–2099, and so on up to 8/9 for
/// 2300–2399. Digits 5–6 are the last two digits of the birth year, and digits 7–12 are random.
/// There is no check digit, so nothing else can be validated.
public enum CitizenIDInput {
    /// Returns the 12 digits, or nil when `read` rejects the text.
    public static func parse(_ text: String, today: CivilDate) -> String? {
        if case .valid(let number) = read(text, today: today) {
            return number
        }
        return nil
    }

    /// Reads 12 digits, ignoring spaces, dots and dashes between them, lead-in words ("dạ", "CCCD:",
    /// "số căn cước của tôi là") and a polite "ạ" after them. Rejects a province code outside 001–096
    /// and a birth year after `today`'s year. The 9-digit numbers of the old identity card (CMND) give
    /// `.wrongLength(9)`.
    ///
    /// NOTE: the province code is checked against the range only, not against the official list,
    /// which has unused codes inside 001–096. The range stays because the codes of the provinces formed
    /// on 01/07/2025 are not published yet, and a wrong list would reject real numbers.
    public static func read(_ text: String, today: CivilDate) -> CitizenIDParse {
        var digits: [Int] = []
        for character in removingLeadInWords(VietnameseText.normalized(text)) {
            if character.isASCII, let digit = character.wholeNumberValue {
                digits.append(digit)
            } else if !separators.contains(character) {
                return .unreadable
            }
        }
        guard digits.count == 12 else { return .wrongLength(digits.count) }

        let number = digits.map(String.init).joined()
        let provinceCode = digits[0] * 100 + digits[1] * 10 + digits[2]
        guard (1...96).contains(provinceCode) else { return .unknownProvince(String(number.prefix(3))) }

        let birthYear = 1900 + digits[3] / 2 * 100 + digits[4] * 10 + digits[5]
        guard birthYear <= today.year else { return .futureBirthYear(birthYear) }

        return .valid(number)
    }

    private static func removingLeadInWords(_ normalized: String) -> String {
        let words = normalized.split(separator: " ")
        let core = words.drop { leadInWords.contains(VietnameseText.foldKey(String($0))) }
            .reversed().drop { trailingParticles.contains(VietnameseText.foldKey(String($0))) }.reversed()
        return core.joined(separator: " ")
    }

    /// Folded words that may precede the number: "dạ", "số", "CCCD", "căn cước (công dân)", "định danh
    /// (cá nhân)", "thẻ", "của tôi là", and "CMND", so that an old card number gives `.wrongLength(9)`.
    private static let leadInWords: Set<String> = [
        "da", "vang", "thua", "so", "cccd", "cc", "can", "cuoc", "cong", "dan", "dinh", "danh", "ca", "nhan", "the",
        "ma", "cmnd", "cua", "toi", "em", "chau", "con", "la", "",
    ]

    private static let trailingParticles: Set<String> = ["a", "ah", "nhe", "nha", "nhen", "ha", ""]

    private static let separators: Set<Character> = [" ", ".", "-"]
}
