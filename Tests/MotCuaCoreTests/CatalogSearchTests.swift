import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

/// What a search should return: one procedure code, several codes in any order, or nothing.
enum ExpectedMatch: Sendable, CustomStringConvertible {
    case code(String)
    case several(Set<String>)
    case none

    var description: String {
        switch self {
        case .code(let code): return code
        case .several(let codes): return "several \(codes.sorted())"
        case .none: return "none"
        }
    }
}

/// The repository's procedure catalog searched with what citizens type.
struct CatalogSearchTests {
    static let catalog: ProcedureCatalog = {
        guard let templates = try? TemplateLoader.load(folder: EngineHarness.templatesFolder) else {
            return ProcedureCatalog()
        }
        return templates.procedures
    }()

    static func describe(_ match: ProcedureMatch) -> String {
        switch match {
        case .matched(let procedure): return procedure.code
        case .several(let procedures): return "several \(procedures.map(\.code).sorted())"
        case .none: return "none"
        }
    }

    @Test(arguments: [
        // Codes, typed in several ways.
        ("1.001193", ExpectedMatch.code("1.001193")),
        ("1 001193", .code("1.001193")),
        ("1001193", .code("1.001193")),
        (" 2.000815 ", .code("2.000815")),
        ("1.004873.000.00.00.H01", .code("1.004873")),
        ("lien-thong-khai-sinh", .code("lien-thong-khai-sinh")),
        ("9.999999", .none),
        // Birth and death.
        ("lam giay khai sinh cho con", .code("1.001193")),
        ("Làm giấy khai sinh", .code("1.001193")),
        ("khai sinh", .code("1.001193")),
        ("tôi muốn đăng ký khai sinh cho cháu nội", .code("1.001193")),
        ("dang ky khai sinh", .code("1.001193")),
        ("khai sinh tren vneid", .code("lien-thong-khai-sinh")),
        ("khai tu cho ba", .code("1.000656")),
        ("làm giấy chứng tử cho mẹ", .code("1.000656")),
        ("xin tien mai tang", .code("1.011537")),
        // Marriage.
        ("dang ky ket hon", .code("1.000894")),
        ("đăng kí kết hôn", .code("1.000894")),
        ("dang ky ket hom", .code("1.000894")),
        ("xin giấy xác nhận độc thân", .code("1.004873")),
        ("xac nhan tinh trang hon nhan", .code("1.004873")),
        // Certification.
        ("chung thuc ban sao", .code("2.000815")),
        ("sao y bản chính", .code("2.000815")),
        ("photo cong chung", .code("2.000815")),
        ("chứng thực chữ ký", .code("2.000884")),
        // Building.
        ("xin phép sửa nhà", .code("1.013226")),
        ("cải tạo nhà", .code("1.013226")),
        ("xin phep xay nha moi", .code("1.013225")),
        ("giay phep xay dung", .code("1.013225")),
        // Residence.
        ("nhập hộ khẩu cho con", .code("1.004222")),
        ("dang ky thuong tru", .code("1.004222")),
        ("đăng ký thườngg trú", .code("1.004222")),
        ("dang ky tam tru", .code("1.004194")),
        ("khai báo tạm trú nhà trọ", .code("1.004194")),
        // Social assistance.
        ("xin tro cap", .several(["1.014027", "1.001776"])),
        ("trợ cấp người già", .code("1.014027")),
        ("tro cap xa hoi hang thang", .code("1.001776")),
        // Too vague or unrelated.
        ("giấy tờ", .none),
        ("thủ tục", .none),
        ("xin chào", .none),
        ("", .none),
    ])
    func searchFindsProcedure(text: String, expected: ExpectedMatch) {
        let match = Self.catalog.search(text)
        switch expected {
        case .code(let code):
            #expect(Self.describe(match) == code)
        case .several(let codes):
            #expect(Self.describe(match) == "several \(codes.sorted())")
        case .none:
            #expect(Self.describe(match) == "none")
        }
    }

    @Test func catalogHasEveryFile() {
        #expect(Self.catalog.procedures.count == 14)
    }

    @Test func equalScoresInShortNameOrder() {
        guard case .several(let procedures) = Self.catalog.search("xin trợ cấp") else {
            Issue.record("expected several allowances")
            return
        }
        #expect(procedures.map(\.shortName) == ["Xin trợ cấp hưu trí xã hội", "Xin trợ cấp xã hội hằng tháng"])
    }
}
