import Testing

@testable import MotCuaCore

struct InputPhoneTests {
    @Test(arguments: [
        ("0912345678", "0912345678"), ("0912 345 678", "0912345678"), ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"), ("+84912345678", "0912345678"), ("84912345678", "0912345678"),
        ("84 912 345 678", "0912345678"), ("(+84) 912 345 678", "0912345678"), ("+84 0912 345 678", "0912345678"),
        ("0084912345678", "0912345678"), (" 0912345678 ", "0912345678"), ("0388123456", "0388123456"),
        ("0326123456", "0326123456"), ("0868123456", "0868123456"), ("0896123456", "0896123456"),
        ("0997123456", "0997123456"), ("0559123456", "0559123456"), ("0522123456", "0522123456"),
        ("0703123456", "0703123456"), ("0812345678", "0812345678"), ("sđt 0912345678", "0912345678"),
    ])
    func acceptsCurrentNumbers(text: String, expected: String) throws {
        let phone = try #require(PhoneInput.parse(text))
        #expect(phone.national == expected)
        #expect(phone.wasConverted == false)
        #expect(phone.international == "+84" + expected.dropFirst())
    }

    @Test(arguments: [
        ("0169 123 4567", "0391234567"), ("01691234567", "0391234567"), ("0162.123.4567", "0321234567"),
        ("0120 123 4567", "0701234567"), ("0121 123 4567", "0791234567"), ("0123 123 4567", "0831234567"),
        ("0127 123 4567", "0811234567"), ("0186 123 4567", "0561234567"), ("0188 123 4567", "0581234567"),
        ("0199 123 4567", "0591234567"), ("+84 169 123 4567", "0391234567"), ("841691234567", "0391234567"),
    ])
    func convertsOldElevenDigitMobiles(text: String, expected: String) throws {
        let phone = try #require(PhoneInput.parse(text))
        #expect(phone.national == expected)
        #expect(phone.wasConverted)
    }

    @Test(arguments: [
        "12345", "", "091234567", "09123456789", "0912 345 67a", "1900 1234", "18001090", "0112345678",
        "0612345678", "0212345678", "+1 415 555 0100", "0130 123 4567", "sđt: 0912 abc", "0912345678 / 0988123456",
        "912345678", "0000000000", "0890123456", "0992123456", "0501234567",
    ])
    func rejectsOtherText(text: String) {
        #expect(PhoneInput.parse(text) == nil)
    }

    /// Each text read for a step that accepts fixed lines and for one that does not (the default).
    @Test(arguments: [
        ("0276 3822 123", "02763822123", nil), ("02763822123", "02763822123", nil),
        ("024 3825 1234", "02438251234", nil), ("+84 28 3829 1234", "02838291234", nil),
        ("(0276) 3822 123", "02763822123", nil), ("0276.3822.123", "02763822123", nil),
        ("ĐT bàn 0276 3822 123", "02763822123", nil), ("0912345678", "0912345678", "0912345678"),
        ("dạ 0912 345 678 ạ", "0912345678", "0912345678"), ("Sđt: 0912.345.678", "0912345678", "0912345678"),
        ("số điện thoại của tôi là 0388 123 456", "0388123456", "0388123456"),
        ("so dien thoai 0388123456 nhe", "0388123456", "0388123456"),
        ("SĐT 0912345678".decomposedStringWithCanonicalMapping, "0912345678", "0912345678"),
        ("zalo 0912345678", "0912345678", "0912345678"), ("  0912   345   678  ", "0912345678", "0912345678"),
        ("0912 - 345 - 678", "0912345678", "0912345678"), ("+84 912 345 678", "0912345678", "0912345678"),
        ("0169 123 4567", "0391234567", "0391234567"), ("dạ số cũ 0169 123 4567", "0391234567", "0391234567"),
        ("1900 1234", nil, nil), ("1800 1090", nil, nil), ("0212345678", nil, nil), ("0912 345 67", nil, nil),
        ("09123456789", nil, nil), ("không có", nil, nil), ("", nil, nil), ("0912345678 hoặc 0988123456", nil, nil),
        ("O912345678", nil, nil), ("0912345678a", nil, nil), ("02763822l23", nil, nil), ("0276 382 212", nil, nil),
        ("1234567890", nil, nil),
    ])
    func landlineOnlyWhenStepAllows(text: String, withLandline: String?, mobileOnly: String?) {
        #expect(PhoneInput.parse(text, allowLandline: true)?.national == withLandline)
        #expect(PhoneInput.parse(text, allowLandline: false)?.national == mobileOnly)
        #expect(PhoneInput.parse(text)?.national == mobileOnly)
    }

    @Test func internationalFormReplacesLeadingZero() {
        #expect(PhoneNumber(national: "0912345678").international == "+84912345678")
    }
}
