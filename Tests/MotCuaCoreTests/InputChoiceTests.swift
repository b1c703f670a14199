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
