import Foundation
import Testing

@testable import MotCuaCore

struct InputTextNumberEmailTests {
    @Test(arguments: [
        ("  Ấp 3, xã Bình Hòa  ", 1, 1000, "Ấp 3, xã Bình Hoà"), ("ok", 2, 10, "ok"),
        ("dòng 1\ndòng 2", 1, 100, "dòng 1 dòng 2"),
        ("Bình", 4, 4, "Bình"),
    ])
    func textWithinBoundsIsNormalized(text: String, minLength: Int, maxLength: Int, expected: String) {
        #expect(TextInput.parse(text, minLength: minLength, maxLength: maxLength) == expected)
    }

    @Test(arguments: [("", 1, 1000), ("   ", 1, 1000), ("a", 2, 10), ("abcdefghijk", 1, 10), ("Bình Hòa", 1, 7)])
    func textOutsideBoundsIsRejected(text: String, minLength: Int, maxLength: Int) {
        #expect(TextInput.parse(text, minLength: minLength, maxLength: maxLength) == nil)
    }

    @Test func textLengthCountsCharactersNotScalars() {
        let nfd = "Bình Hòa".decomposedStringWithCanonicalMapping
        #expect(TextInput.parse(nfd, maxLength: 8) == "Bình Hoà")
    }

    @Test(arguments: [
        ("3", 3.0), ("3,5", 3.5), ("3.5", 3.5), (" 12 ", 12.0), ("-2", -2.0), ("0", 0.0), ("1.000.000", 1_000_000.0),
        ("2.500", 2500.0), ("2,500", 2.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1,000,000", 1_000_000.0),
        ("một", 1.0), ("mot", 1.0), ("hai", 2.0), ("ba", 3.0), ("Bốn", 4.0), ("năm", 5.0), ("sáu", 6.0),
        ("bảy", 7.0), ("tám", 8.0), ("chín", 9.0), ("mười", 10.0), ("muoi", 10.0), ("1 000", 1000.0),
        ("3 người", 3.0), ("3 trang", 3.0), ("ba bản", 3.0), ("2 ban", 2.0), ("hai trang", 2.0),
    ])
    func parsesNumbers(text: String, expected: Double) {
        #expect(NumberInput.parse(text) == expected)
    }

    @Test(arguments: [
        "", "abc", "3 quả táo", "trang 3", "3,5,5", "1.2.3", "1e5", "--3", "mười một", "nan", "inf", ".", ",",
    ])
    func rejectsNonNumbers(text: String) {
        #expect(NumberInput.parse(text) == nil)
    }

    @Test(arguments: [
        ("an.nguyen@gmail.com", "an.nguyen@gmail.com"), (" An.Nguyen@Gmail.COM ", "an.nguyen@gmail.com"),
        ("ubnd-xa@tayninh.gov.vn", "ubnd-xa@tayninh.gov.vn"), ("a+b_c%d@mail.example.vn", "a+b_c%d@mail.example.vn"),
    ])
    func acceptsEmailAddresses(text: String, expected: String) {
        #expect(EmailInput.parse(text) == expected)
    }

    @Test(arguments: [
        "", "an", "an@", "@gmail.com", "an@gmail", "an@@gmail.com", "an@gmail..com", ".an@gmail.com",
        "an.@gmail.com", "an nguyen@gmail.com", "an@gmail.c", "an@-gmail.com", "nguyễn@gmail.com", "an@gmail.com.",
        "an@gmail.123",
    ])
    func rejectsInvalidEmailAddresses(text: String) {
        #expect(EmailInput.parse(text) == nil)
    }
}
