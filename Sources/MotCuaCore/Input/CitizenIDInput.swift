/// Citizen ID numbers (số định danh cá nhân, printed on the thẻ căn cước).
///
/// Digits 1–3 are the code of the province where the birth was registered (001–096 for provinces).
/// Digit 4 encodes sex and century: 0/1 for 1900–1999, 2/3 for 2000–2099, and so on up to 8/9 for
/// 2300–2399. Digits 5–6 are the last two digits of the birth year, and digits 7–12 are random.
/// There is no check digit, so nothing else can be validated.
public enum CitizenIDInput {
    /// Returns the 12 digits, ignoring spaces, dots and dashes between them, or nil when the province
    /// code is outside 001–096 or the birth year is after `today`'s year. The 9-digit numbers of
    /// the old identity card (CMND) are rejected.
    ///
    /// NOTE: the province code is checked against the range only, not against the official list,
    /// which has unused codes inside 001–096.
    public static func parse(_ text: String, today: CivilDate) -> String? {
        var digits: [Int] = []
        for character in VietnameseText.normalized(text) {
            if character.isASCII, let digit = character.wholeNumberValue {
                digits.append(digit)
            } else if !separators.contains(character) {
                return nil
            }
        }
        guard digits.count == 12 else { return nil }

        let provinceCode = digits[0] * 100 + digits[1] * 10 + digits[2]
        guard (1...96).contains(provinceCode) else { return nil }

        let birthYear = 1900 + digits[3] / 2 * 100 + digits[4] * 10 + digits[5]
        guard birthYear <= today.year else { return nil }

        return digits.map(String.init).joined()
    }

    private static let separators: Set<Character> = [" ", ".", "-"]
}
