import Foundation
import Testing

@testable import MotCuaCore

struct InputChoiceTests {
    static let sex = [
        ChoiceOption(value: "nam", label: "Nam", synonyms: ["trai", "con trai"]),
        ChoiceOption(value: "nu", label: "Nữ", synonyms: ["gai", "con gai"]),
    ]

    static let procedures = [
        ChoiceOption(value: "khai-sinh", label: "Đăng ký khai sinh"),
        ChoiceOption(value: "khai-tu", label: "Đăng ký khai tử"),
        ChoiceOption(value: "ket-hon", label: "Đăng ký kết hôn", synonyms: ["cưới", "làm giấy kết hôn"]),
        ChoiceOption(value: "cu-tru", label: "Xác nhận cư trú"),
    ]

    static let relatives = [
        ChoiceOption(value: "ong-noi", label: "Ông nội"),
        ChoiceOption(value: "ba-noi", label: "Bà nội"),
        ChoiceOption(value: "ong-ngoai", label: "Ông ngoại"),
        ChoiceOption(value: "ba-ngoai", label: "Bà ngoại"),
        ChoiceOption(value: "cha", label: "Cha", synonyms: ["bố", "tía"]),
        ChoiceOption(value: "me", label: "Mẹ", synonyms: ["má"]),
    ]

    @Test(arguments: [
        ("ông nội", ChoiceMatch.matched(0)), ("ong noi", .matched(0)), ("Ông Nội ạ", .matched(0)),
        ("dạ ông ngoại ạ", .matched(2)), ("bà nội", .matched(1)), ("ba noi", .matched(1)), ("ba ngoai", .matched(3)),
        ("BÀ NGOẠI", .matched(3)), ("Bà Ngoại".decomposedStringWithCanonicalMapping, .matched(3)),
        ("  ba   ngoai  ", .matched(3)), ("baf ngoaij", .matched(3)), ("ong ngaoi", .ambiguous([0, 2])),
        ("ong ngoaii", .matched(2)),
        ("ông ngoai", .matched(2)), ("cha", .matched(4)), ("bố", .matched(4)), ("bo", .matched(4)),
        ("mẹ", .matched(5)), ("me", .matched(5)), ("má", .matched(5)), ("meej", .matched(5)), ("1", .matched(0)),
        ("dạ số 2 ạ", .matched(1)), ("em chọn số 6", .matched(5)), ("chọn số hai", .matched(1)), ("số 6.", .matched(5)),
        ("ông", .ambiguous([0, 2])), ("nội", .ambiguous([0, 1])), ("ngoai", .ambiguous([2, 3])),
        ("ông bà", .ambiguous([0, 1, 2, 3])), ("ông hay bà", .ambiguous([0, 1, 2, 3])), ("cha mẹ", .ambiguous([4, 5])),
        ("7", .none), ("số 0", .none), ("không biết", .none), ("", .none), ("anh trai", .none), ("dạ", .none),
    ])
    func resolvesRelativeOptions(text: String, expected: ChoiceMatch) {
        #expect(ChoiceInput.resolve(text, options: Self.relatives) == expected)
    }

    @Test func grandparentsAreAmbiguousBetweenTwoOptions() {
        let options = [
            ChoiceOption(value: "ong-noi", label: "Ông nội"), ChoiceOption(value: "ba-noi", label: "Bà nội"),
        ]
        #expect(ChoiceInput.resolve("ông bà", options: options) == .ambiguous([0, 1]))
        #expect(ChoiceInput.match("ông bà", options: options) == nil)
    }

    @Test(arguments: [
        ("đăng ký", ChoiceMatch.ambiguous([0, 1, 2])), ("khai", .ambiguous([0, 1])), ("nam nữ", .ambiguous([0, 1])),
        ("giấy tờ", .none), ("khai sinh", .matched(0)),
    ])
    func resolveSeparatesAmbiguousFromNone(text: String, expected: ChoiceMatch) {
        let options = text == "nam nữ" ? Self.sex : Self.procedures
        #expect(ChoiceInput.resolve(text, options: options) == expected)
    }

    @Test(arguments: [
        ("1", 0), ("2", 1), ("2.", 1), ("số 2", 1), ("so 1", 0), ("Số 1.", 0), ("chọn 2", 1), ("số hai", 1),
        ("Nam", 0), ("nam", 0), ("NAM", 0), ("Nữ", 1), ("nữ", 1), ("nu", 1), ("Nu", 1), ("nữ ạ", 1),
        ("con gai", 1), ("con gái", 1), ("gái", 1), ("con trai", 0), ("trai", 0), ("tôi chọn nữ", 1),
        ("nuwx", 1), ("nuw", 1), ("nuu", 1), ("namm", 0), ("bé gái", 1),
        ("Nu".decomposedStringWithCanonicalMapping, 1), ("Nữ".decomposedStringWithCanonicalMapping, 1),
    ])
    func matchesSexOptions(text: String, expected: Int) {
        #expect(ChoiceInput.match(text, options: Self.sex) == expected)
    }

    @Test(arguments: ["3", "0", "số 3", "nam nữ", "không biết", "", "x", "trai gái", "abc", "chọn nam hay nữ"])
    func rejectsUnclearSexAnswers(text: String) {
        #expect(ChoiceInput.match(text, options: Self.sex) == nil)
    }

    @Test(arguments: [
        ("khai sinh", 0), ("dang ky khai sinh", 0), ("Đăng ký khai tử", 1), ("khai tu", 1), ("kết hôn", 2),
        ("cuoi", 2), ("làm giấy kết hôn", 2), ("cư trú", 3), ("xac nhan cu tru", 3), ("4", 3),
        ("dang ky khai sinhh", 0), ("dang ki khai sinh", 0), ("khai-sinh", 0), ("dang ky ket hon cho con", 2),
    ])
    func matchesProcedureOptions(text: String, expected: Int) {
        #expect(ChoiceInput.match(text, options: Self.procedures) == expected)
    }

    @Test(arguments: ["đăng ký", "dang ky", "khai", "5", "số 0", "giấy tờ", "hộ chiếu"])
    func rejectsAmbiguousProcedureAnswers(text: String) {
        #expect(ChoiceInput.match(text, options: Self.procedures) == nil)
    }

    @Test func exactDiacriticsWinOverFoldedEquality() {
        let options = [ChoiceOption(value: "ma", label: "Ma"), ChoiceOption(value: "ma-sac", label: "Má")]
        #expect(ChoiceInput.match("Má", options: options) == 1)
        #expect(ChoiceInput.match("ma", options: options) == 0)
        #expect(ChoiceInput.match("mà", options: options) == nil)
    }

    @Test func oldAndNewToneStylesMatch() {
        let options = [
            ChoiceOption(value: "binh-hoa", label: "Xã Bình Hòa"),
            ChoiceOption(value: "tan-an", label: "Phường Tân An"),
        ]
        #expect(ChoiceInput.match("Xã Bình Hoà", options: options) == 0)
        #expect(ChoiceInput.match("binh hoa", options: options) == 0)
    }

    @Test func noOptionsMatchNothing() {
        #expect(ChoiceInput.match("1", options: []) == nil)
    }
}
