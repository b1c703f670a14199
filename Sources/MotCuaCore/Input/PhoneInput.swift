/// Phone numbers typed by citizens.
public enum PhoneInput {
    /// Returns the mobile number in `text`, or nil for anything else, fixed lines included, since
    /// most steps need a number that can receive an SMS or a Zalo message. Same as
    /// `parse(text, allowLandline: false)`.
    public static func parse(_ text: String) -> PhoneNumber? {
        parse(text, allowLandline: false)
    }

    /// Accepts 0912345678, 0912 345 678, 0912.345.678, 0912-345-678, +84912345678, 84912345678,
    /// 0084912345678, (+84) 912 345 678, +84 0912 345 678, and the old 11-digit mobile numbers
    /// (01691234567 gives 0391234567 with `wasConverted` set).
    ///
    /// A mobile number has 10 digits and a prefix in use by a carrier. A fixed line has 11 digits
    /// starting with 02 (an area code 02x or 02xx, such as 0276 for Tây Ninh) and is accepted only when
    /// `allowLandline` is true. Lead-in words ("dạ", "sđt:", "số điện thoại của tôi là") and polite
    /// particles after the number ("ạ", "nhé") are ignored. Returns nil for anything else, including
    /// 1800/1900 service numbers, two numbers, and other text that contains letters.
    public static func parse(_ text: String, allowLandline: Bool) -> PhoneNumber? {
        let core = removingLeadInWords(VietnameseText.normalized(text))
        var digits = ""
        for character in core {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !separators.contains(character) {
                return nil
            }
        }
        let unbracketed = core.drop(while: { $0 == " " || $0 == "(" })

        var significant: Substring
        if unbracketed.hasPrefix("+84") || digits.hasPrefix("0084") {
            significant = digits.dropFirst(unbracketed.hasPrefix("+84") ? 2 : 4)
        } else if digits.hasPrefix("84"), digits.count >= 11 {
            significant = digits.dropFirst(2)
        } else if digits.hasPrefix("0") {
            significant = digits.dropFirst()
        } else {
            return nil
        }
        if significant.hasPrefix("0") {
            significant = significant.dropFirst()
        }

        return number(significant: String(significant), allowLandline: allowLandline)
    }

    private static func removingLeadInWords(_ normalized: String) -> String {
        let words = normalized.split(separator: " ")
        let core = words.drop { leadInWords.contains(VietnameseText.foldKey(String($0))) }
            .reversed().drop { trailingParticles.contains(VietnameseText.foldKey(String($0))) }.reversed()
        return core.joined(separator: " ")
    }

    /// Builds a number from the digits after the leading 0.
    private static func number(significant: String, allowLandline: Bool) -> PhoneNumber? {
        if significant.count == 10, significant.hasPrefix("1"),
            let newPrefix = renumberedPrefixes[String(significant.prefix(3))]
        {
            let converted = newPrefix + significant.dropFirst(3)
            guard isMobile(converted) else { return nil }
            return PhoneNumber(national: "0" + converted, wasConverted: true)
        }
        if isMobile(significant) || (allowLandline && isFixedLine(significant)) {
            return PhoneNumber(national: "0" + significant)
        }
        return nil
    }

    /// Checks the nine digits after the leading 0 against the VN mobile pattern of libphonenumber's
    /// metadata (python-phonenumbers, region_VN.py).
    private static func isMobile(_ significant: String) -> Bool {
        let patterns = InputPatterns.shared
        return significant.wholeMatch(of: patterns.mobileThreeDigitPrefix) != nil
            || significant.wholeMatch(of: patterns.mobileTwoDigitPrefix) != nil
    }

    /// Checks for ten digits after the leading 0 starting with 2. The area code itself is not checked
    /// against the list of provinces.
    private static func isFixedLine(_ significant: String) -> Bool {
        significant.count == 10 && significant.hasPrefix("2")
    }

    /// Folded words that may precede a number: "dạ", "sđt", "số điện thoại (di động, bàn, cũ, mới)",
    /// "máy bàn", "zalo", "của tôi là".
    private static let leadInWords: Set<String> = [
        "da", "vang", "thua", "sdt", "dt", "so", "dien", "thoai", "di", "dong", "ban", "may", "cu", "moi", "zalo",
        "cua", "toi", "em", "chau", "con", "la", "",
    ]

    private static let trailingParticles: Set<String> = ["a", "ah", "nhe", "nha", "nhen", "ha", ""]

    private static let separators: Set<Character> = [" ", ".", "-", "(", ")", "+"]

    /// Old 11-digit mobile prefixes (without the leading 0) and their replacements from the
    /// renumbering of 15/09/2018 to 30/06/2019, which kept the last seven digits.
    private static let renumberedPrefixes: [String: String] = [
        // MobiFone
        "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
        // VinaPhone
        "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
        // Viettel
        "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37", "168": "38", "169": "39",
        // Vietnamobile
        "186": "56", "188": "58",
        // Gmobile
        "199": "59",
    ]
}
