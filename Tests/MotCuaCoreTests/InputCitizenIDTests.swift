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
        "CCCD 072059001234",
    ])
    func rejectsInvalidNumbers(text: String) {
        #expect(CitizenIDInput.parse(text, today: Self.today) == nil)
    }

    @Test func birthYearMayBeTodaysYear() {
        #expect(CitizenIDInput.parse("072226001234", today: Self.today) == "072226001234")
        #expect(CitizenIDInput.parse("072226001234", today: CivilDate(year: 2025, month: 12, day: 31)!) == nil)
    }
}
