import Foundation
import MotCuaCore
import MotCuaYAML
import Testing

/// Reading procedure files into a catalog, and the errors for bad ones.
struct CatalogLoaderTests {
    static let valid = """
        code: "1.000001"
        name: Thủ tục thử
        short_name: Làm thủ tục thử
        keywords: [thu nghiem]
        authority: Ủy ban nhân dân xã
        documents: [Tờ khai.]
        fee: Miễn phí.
        processing_time: Trong ngày.
        legal_basis: [Luật thử 2025]
        where_to_file: [Nộp trực tiếp.]
        flow: thu-nghiem
        to_confirm:
          - fee: Mức phí của tỉnh.
        """

    static func errors(loading texts: [(String, String)]) -> [String] {
        var catalog = ProcedureCatalog()
        var lines: [String] = []
        for (source, text) in texts {
            do {
                try catalog.load(from: YAMLParser.parse(text), source: source)
            } catch let error as FlowErrors {
                lines += error.errors.map(\.description)
            } catch {
                lines.append("\(error)")
            }
        }
        return lines
    }

    @Test func validFileLoads() throws {
        var catalog = ProcedureCatalog()
        try catalog.load(from: YAMLParser.parse(Self.valid), source: "a.yaml")
        let procedure = try #require(catalog.procedure(code: "1.000001"))
        #expect(procedure.shortName == "Làm thủ tục thử")
        #expect(procedure.flowID == "thu-nghiem")
        #expect(procedure.flowLine == 11)
        #expect(procedure.toConfirm == [Procedure.Unconfirmed(field: "fee", note: "Mức phí của tỉnh.")])
        #expect(procedure.note == nil)
    }

    @Test func missingFieldsReportedWithLines() {
        let text = """
            code: "1.000002"
            name: Thủ tục thiếu
            short_name: ""
            documents: []
            legal_basis: Luật thử
            where_to_file: [Nộp trực tiếp.]
            """
        #expect(
            Self.errors(loading: [("b.yaml", text)]) == [
                "b.yaml:1: thiếu khóa 'authority'",
                "b.yaml:1: thiếu khóa 'fee'",
                "b.yaml:1: thiếu khóa 'processing_time'",
                "b.yaml:3: 'short_name' phải là một chuỗi không rỗng",
                "b.yaml:4: 'documents' phải là một danh sách không rỗng",
                "b.yaml:5: 'legal_basis' phải là một danh sách không rỗng",
            ])
    }

    @Test func duplicateCodeNamesFirstFile() {
        #expect(
            Self.errors(loading: [("a.yaml", Self.valid), ("c.yaml", Self.valid)]) == [
                "c.yaml:1: mã thủ tục '1.000001' đã dùng trong a.yaml"
            ])
    }

    @Test func invalidCodeAndKeysReported() {
        let text =
            Self.valid
            .replacingOccurrences(of: "\"1.000001\"", with: "\"1.0001\"")
            .replacingOccurrences(of: "  - fee: Mức phí của tỉnh.", with: "  - gia: Mức phí của tỉnh.")
            + "\nfees: 2.000 đồng\n"
        #expect(
            Self.errors(loading: [("d.yaml", text)]) == [
                "d.yaml:1: mã thủ tục không hợp lệ '1.0001'; dùng mã quốc gia như 1.001193 hoặc chữ thường nối bằng '-'",
                "d.yaml:13: 'to_confirm' nhắc tới khóa không tồn tại 'gia'",
                "d.yaml:14: khóa không tồn tại 'fees'; các khóa có: code, name, short_name, keywords, authority, "
                    + "documents, fee, processing_time, legal_basis, where_to_file, note, flow, to_confirm",
            ])
    }

    @Test(arguments: [
        ("1.001193", true), ("2.000815", true), ("lien-thong-khai-sinh", true), ("1.0011930", false),
        ("1001193", false), ("Khai-Sinh", false), ("khai-sinh-", false), ("-khai", false),
    ])
    func codeFormat(code: String, valid: Bool) {
        let text = Self.valid.replacingOccurrences(of: "\"1.000001\"", with: "\"\(code)\"")
        #expect(Self.errors(loading: [("e.yaml", text)]).isEmpty == valid)
    }

    @Test func flowNamingNoFlowReported() throws {
        var catalog = ProcedureCatalog()
        try catalog.load(from: YAMLParser.parse(Self.valid), source: "a.yaml")
        #expect(catalog.problems(flowIDs: ["thu-nghiem"]) == [])
        #expect(
            catalog.problems(flowIDs: ["menu"]).map(\.description) == [
                "a.yaml:11: thủ tục '1.000001' trỏ tới kịch bản không tồn tại 'thu-nghiem'; để trống 'flow' cho tới "
                    + "khi có tệp kịch bản đó"
            ])
    }

    @Test func emptyFlowMeansNone() throws {
        var catalog = ProcedureCatalog()
        let text = Self.valid.replacingOccurrences(of: "flow: thu-nghiem", with: "flow:")
        try catalog.load(from: YAMLParser.parse(text), source: "a.yaml")
        #expect(catalog.procedure(code: "1.000001")?.flowID == nil)
        #expect(catalog.problems(flowIDs: []) == [])
    }

    @Test func derivedSlotsFollowContract() throws {
        var catalog = ProcedureCatalog()
        try catalog.load(from: YAMLParser.parse(Self.valid), source: "a.yaml")
        let procedure = try #require(catalog.procedure(code: "1.000001"))
        let withFlow = ProcedureSlots.values(of: procedure, slot: "tt") { _ in true }
        #expect(withFlow["tt_ten"] == "Thủ tục thử")
        #expect(withFlow["tt_ma"] == "1.000001")
        #expect(withFlow["tt_giay_to"] == "• Tờ khai.")
        #expect(withFlow["tt_le_phi"] == "Miễn phí.")
        #expect(withFlow["tt_thoi_han"] == "Trong ngày.")
        #expect(withFlow["tt_co_quan"] == "Ủy ban nhân dân xã")
        #expect(withFlow["tt_noi_nop"] == "• Nộp trực tiếp.")
        #expect(withFlow["tt_can_cu"] == "Luật thử 2025")
        #expect(withFlow["tt_flow"] == "thu-nghiem")
        #expect(withFlow["tt_luu_y"] == nil)
        let withoutFlow = ProcedureSlots.values(of: procedure, slot: "tt") { _ in false }
        #expect(withoutFlow["tt_flow"] == nil)
    }

    @Test func everyRealFileConfirmsUnconfirmedCodes() {
        // Codes taken from unofficial data must be listed for the province to confirm.
        let unofficial: Set<String> = [
            "1.001193", "1.000656", "1.004194", "2.000884", "1.013225", "1.013226", "1.014027", "1.001776",
        ]
        for procedure in CatalogSearchTests.catalog.procedures where unofficial.contains(procedure.code) {
            #expect(procedure.toConfirm.contains { $0.field == "code" }, "\(procedure.source)")
        }
    }
}
