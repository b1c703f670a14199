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
