import Foundation
import MotCuaCore
import Testing

/// The exact ranking that the repository's procedure catalog gives a set of typed texts: typos,
/// text without diacritics, Telex leftovers and vague requests. Each expectation lists the codes in
/// the order `search` returns them, so a change of order, of membership or of the cut-off fails.
struct CatalogRankingTests {
    static func ranked(_ match: ProcedureMatch) -> String {
        switch match {
        case .matched(let procedure): return procedure.code
        case .several(let procedures): return procedures.map(\.code).joined(separator: " > ")
        case .none: return "none"
        }
    }

    @Test(arguments: [
        ("khai sinhh", "1.001193"),
        ("giay khai sanh", "1.001193"),
        ("lam giay khai sinhh cho con", "1.001193"),
        ("khai sinh", "1.001193"),
        ("khai sinh nhap ho khau", "lien-thong-khai-sinh"),
        ("khai sinh cho be tren mang", "1.001193 > lien-thong-khai-sinh"),
        ("the bhyt cho be", "lien-thong-khai-sinh"),
        ("khai tu", "1.000656"),
        ("khai tu xoa ho khau", "1.011537 > 1.000656"),
        ("tien mai tang", "1.011537"),
        ("dang ky", "none"),
        ("dang ky ket hom", "1.000894"),
        ("ddawng kys keets hoon", "1.000894"),
        ("đăng kí kết hôn", "1.000894"),
        ("giay xac nhan doc thann", "1.004873"),
        ("xac nhan tinh trang hon nhan de ket hon", "1.004873"),
        ("chungg thuc ban sao", "2.000815"),
        ("chung thuc", "2.000884"),
        ("chứng thực chữ kí", "2.000884"),
        ("sao y", "2.000815"),
        ("giay phep", "none"),
        ("giay phep xay dungg", "1.013225"),
        ("sua nha", "1.013226"),
        ("xay nha", "1.013225"),
        ("nha", "none"),
        ("nhap ho khau", "1.004222"),
        ("dang ky thuongg tru", "1.004222"),
        ("tam tru", "1.004194"),
        ("ho khau", "1.004222"),
        ("tro cap", "1.014027 > 1.001776"),
        ("tro capp xa hoi", "1.001776"),
        ("tro cap huu tri", "1.014027"),
        ("nguoi cao tuoi", "1.014027"),
        ("xin giay", "none"),
        ("giấy tờ", "none"),
        ("Làm Giấy Khai Sinh!!!", "1.001193"),
        ("LAM GIAY KHAI SINH", "1.001193"),
        ("lam giay khai sinh\u{200B}", "1.001193"),
        ("1.001193", "1.001193"),
        ("xin chao ban", "none"),
        ("abcdefgh", "none"),
    ])
    func searchRanksProcedures(text: String, expected: String) {
        #expect(Self.ranked(CatalogSearchTests.catalog.search(text)) == expected, "\(text)")
    }
}
