import Testing

@testable import MotCuaCore

struct InputCitizenIDTests {
    static let today = CivilDate(year: 2026, month: 12, day: 4)!

    @Test(arguments: [
        ("072059001234", "072059001234"), ("072 059 001 234", "072059001234"), ("072.059.001.234", "072059001234"),
        ("080159012345", "080159012345"), ("001203004567", "001203004567"), ("096326000001", "096326000001"),
        (" 079 1 85 123456 ", "079185123456"), ("080-059-001-234", "080059001234"),
    ])
    func acceptsTwelveDigits(text: String, expected: String) {
        #expect(CitizenIDInput.parse(text, today: Self.today) == expected)
    }

    @Test(arguments: [
        "07205900123", "0720590012345", "000059001234", "097059001234", "999059001234", "072227001234",
        "072327001234", "072459001234", "072959001234", "072 059 001 23a", "072/059/001/234", "", "123456789",
        "CMND 123456789",
    ])
    func rejectsInvalidNumbers(text: String) {
        #expect(CitizenIDInput.parse(text, today: Self.today) == nil)
    }

    @Test(arguments: [
        ("072059001234", CitizenIDParse.valid("072059001234")), ("080 159 012 345", .valid("080159012345")),
        ("CCCD 072059001234", .valid("072059001234")), ("cccd: 072.059.001.234", .valid("072059001234")),
        ("dạ số căn cước của tôi là 072059001234 ạ", .valid("072059001234")),
        ("Số định danh cá nhân: 080159012345", .valid("080159012345")),
        ("so can cuoc cong dan 072 059 001 234", .valid("072059001234")),
        ("Thẻ căn cước 072-059-001-234".decomposedStringWithCanonicalMapping, .valid("072059001234")),
        ("  072   059001234  ", .valid("072059001234")), ("001203004567", .valid("001203004567")),
        ("096326000001", .valid("096326000001")), ("079185123456 nhé", .valid("079185123456")),
        ("072226001234", .valid("072226001234")), ("087199000001", .valid("087199000001")),
        ("123456789", .wrongLength(9)), ("CMND 280 123 456", .wrongLength(9)), ("07205900123", .wrongLength(11)),
        ("0720590012345", .wrongLength(13)), ("072 059 001", .wrongLength(9)), ("", .wrongLength(0)),
        ("dạ", .wrongLength(0)), ("000059001234", .unknownProvince("000")), ("097059001234", .unknownProvince("097")),
        ("999059001234", .unknownProvince("999")), ("100159012345", .unknownProvince("100")),
        ("072227001234", .futureBirthYear(2027)), ("072327001234", .futureBirthYear(2027)),
        ("072459001234", .futureBirthYear(2159)), ("072959001234", .futureBirthYear(2359)),
        ("072 059 001 23a", .unreadable), ("072/059/001/234", .unreadable), ("O72059001234", .unreadable),
        ("072059001234 và 080159012345", .unreadable), ("tôi không nhớ", .unreadable),
    ])
    func readsWithReasons(text: String, expected: CitizenIDParse) {
        #expect(CitizenIDInput.read(text, today: Self.today) == expected)
    }

    @Test func birthYearMayBeTodaysYear() {
        #expect(CitizenIDInput.parse("072226001234", today: Self.today) == "072226001234")
        #expect(CitizenIDInput.parse("072226001234", today: CivilDate(year: 2025, month: 12, day: 31)!) == nil)
    }
}
