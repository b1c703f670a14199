import Foundation
import Testing

@testable import MotCuaCore

struct InputNameTests {
    @Test(arguments: [
        ("nguyen van an", "Nguyen Van An"), ("trần THỊ bích", "Trần Thị Bích"), ("  Lê   Văn Tám ", "Lê Văn Tám"),
        ("Đặng Hòa Thủy", "Đặng Hoà Thuỷ"), ("NGUYỄN THỊ MINH KHAI", "Nguyễn Thị Minh Khai"), ("An", "An"),
        ("H'Hen Niê", "H'Hen Niê"), ("y-moan ênuôl", "Y-Moan Ênuôl"), ("tên tôi là Nguyễn Văn An", "Nguyễn Văn An"),
        ("Tôi tên Trần Bích", "Trần Bích"), ("họ tên: lê thị hồng", "Lê Thị Hồng"),
        ("Nguyễn Văn An ạ", "Nguyễn Văn An"),
        ("Tôn Nữ Thị Ninh", "Tôn Nữ Thị Ninh"), ("Hồ Tấn Tài", "Hồ Tấn Tài"),
    ])
    func acceptsNames(text: String, expected: String) {
        #expect(NameInput.parse(text) == expected)
    }

    /// Names as elderly citizens type them, with the expected result or nil.
    @Test(arguments: [
        ("nguyen thi hoa", "Nguyen Thi Hoa"), ("NGUYEN VAN BAY", "Nguyen Van Bay"), ("lê   thị    mười", "Lê Thị Mười"),
        ("Trần Văn Hòa", "Trần Văn Hoà"), ("trần văn hoà", "Trần Văn Hoà"), ("Phạm Thị Thủy", "Phạm Thị Thuỷ"),
        ("Võ Văn Kiệt".decomposedStringWithCanonicalMapping, "Võ Văn Kiệt"), ("dạ tên tôi là Lê Văn Út", "Lê Văn Út"),
        ("Vâng, cháu tên là Lò Thị Mai", "Lò Thị Mai"),
        ("tên tôi là lê văn út", "Lê Văn Út"), ("Họ và tên là Đỗ Thị Lập", "Đỗ Thị Lập"),
        ("ho ten: do thi lap", "Do Thi Lap"),
        ("Huỳnh Thị Ngọc Bích ạ", "Huỳnh Thị Ngọc Bích"), ("em tên là Thạch Thị Sa Rươne", "Thạch Thị Sa Rươne"),
        ("Châu Thị Kim Sa-Rươne", "Châu Thị Kim Sa-Rươne"), ("Kơ Pă H'Lin", "Kơ Pă H'Lin"),
        ("nguyễn vân anh", "Nguyễn Vân Anh"), ("ngừơi", "Người"), ("Trương Văn Hòan", "Trương Văn Hoàn"),
        ("Út", "Út"), ("Ba", "Ba"), ("\u{200B}Lý Thị Hoa\u{FEFF}", "Lý Thị Hoa"), ("Nguyễn Văn An\n", "Nguyễn Văn An"),
        ("0912345678", nil), ("Nguyễn Văn An 1959", nil), ("Nguyễn Văn An, 66 tuổi", nil), ("ông Nguyễn.Văn.An", nil),
        ("@nguyenvanan", nil), ("😊", nil), ("họ tên", nil), ("", nil), ("Nguyễn (Văn) An", nil), ("An/Bình", nil),
    ])
    func readsElderlyTyping(text: String, expected: String?) {
        #expect(NameInput.parse(text) == expected)
    }

    @Test func nfdNameEqualsNfcName() {
        let name = "Đỗ Thị Lập"
        let fromNFD = NameInput.parse(name.decomposedStringWithCanonicalMapping)
        #expect(
            fromNFD.map { Array($0.unicodeScalars) } == Array(name.precomposedStringWithCanonicalMapping.unicodeScalars)
        )
    }

    @Test(arguments: [
        "", "   ", "Nguyen Van 2", "0912345678", "an@gmail.com", "Nguyễn, Văn An", "- An", "a b c d e f g h i",
        String(repeating: "Nguyễn ", count: 7) + String(repeating: "a", count: 40), "tên tôi là", "👍",
    ])
    func rejectsNonNames(text: String) {
        #expect(NameInput.parse(text) == nil)
    }
}
