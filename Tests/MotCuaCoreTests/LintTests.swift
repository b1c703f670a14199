import Foundation
import MotCuaCore
import Testing

@testable import MotCuaYAML

/// One broken templates folder under fixtures/lint and the exact lines `motcua lint` prints for it,
/// with paths relative to that folder.
struct LintCase: CustomTestStringConvertible, Sendable {
    var name: String
    var expected: [String]

    var testDescription: String { name }

    static let all: [LintCase] = [
        LintCase(
            name: "yaml-error",
            expected: [
                "flows/hong.yaml:8: lỗi YAML: tệp kết thúc khi một chuỗi trong ngoặc kép hoặc ngoặc đơn chưa đóng",
                "flows/tham-chieu.yaml:6: bước 'a' trỏ tới bước không tồn tại 'b'",
            ]),
        LintCase(
            name: "unknown-references",
            expected: [
                "flows/menu.yaml:16: bước 'chon' trỏ tới bước không tồn tại 'ket-thuc-sai'",
                "flows/menu.yaml:18: bước 'sang-khac' chuyển sang kịch bản không tồn tại 'khong-co-flow'",
                "flows/menu.yaml:20: bước 'goi-con' gọi kịch bản không tồn tại 'flow-con-sai'",
                "flows/thieu-start.yaml:3: bước đầu 'bat-dau' không tồn tại",
                "flows/thieu-start.yaml:6: bước 'chao' trỏ tới bước không tồn tại 'ngay-sinhh'",
            ]),
        LintCase(
            name: "step-shape",
            expected: [
                "flows/menu.yaml:4: khóa không tồn tại 'keyword'; các khóa có: id, title, keywords, procedure, start, steps",
                "flows/menu.yaml:8: bước 'hoi-ten' có cả 'say' và 'ask'; tách thành một bước 'say' rồi một bước 'ask'",
                "flows/menu.yaml:13: điều kiện trên 'ten' trống; viết ví dụ {ten: giá_trị} hoặc {ten: {present: true}}",
            ]),
        LintCase(
            name: "unreachable",
            expected: [
                "flows/menu.yaml:15: bước 'sau-chuyen' không tới được từ bước đầu 'chao'",
                "flows/menu.yaml:18: bước 'mo-coi' không tới được từ bước đầu 'chao'",
                "flows/phu.yaml:9: bước 'b' không tới được từ bước đầu 'a'",
            ]),
        LintCase(
            name: "unused-answer",
            expected: [
                "flows/hoi-dia-chi.yaml:13: câu hỏi 'email' lưu 'email' nhưng không nơi nào dùng câu trả lời này "
                    + "(if, {{email}}, confirm hay hành động nộp hồ sơ)",
                "flows/menu.yaml:13: câu hỏi 'ghi-chu' lưu 'ghi_chu' nhưng không nơi nào dùng câu trả lời này "
                    + "(if, {{ghi_chu}}, confirm hay hành động nộp hồ sơ)",
            ]),
        LintCase(
            name: "unknown-placeholder",
            expected: [
                "flows/loi-chao.yaml:6: bước 'chao' dùng {{ngay}} nhưng không câu hỏi hay hành động nào lưu 'ngay'",
                "flows/loi-chao.yaml:9: bước 'hoi-tuoi' dùng {{ho_tenn}} nhưng không câu hỏi hay hành động nào lưu "
                    + "'ho_tenn'",
                "flows/loi-chao.yaml:11: bước 'hoi-tuoi' dùng {{goi_y}} nhưng không câu hỏi hay hành động nào lưu "
                    + "'goi_y'",
                "flows/menu.yaml:14: bước 'xong' dùng {{ma_ho_so}} nhưng không câu hỏi hay hành động nào lưu "
                    + "'ma_ho_so'",
            ]),
        LintCase(
            name: "messages",
            expected: [
                "messages/vi.yaml:1: thiếu tin nhắn 'confirm.choose_fix'",
                "messages/vi.yaml:13: tin nhắn 'skip_hint' phải là một chuỗi",
                "messages/vi.yaml:16: tin nhắn 'retry.options' dùng {{option}} nhưng chương trình chỉ truyền vào: "
                    + "options",
                "messages/vi.yaml:20: tin nhắn 'confirm.invalid' dùng {{ho_ten}} nhưng chương trình không truyền "
                    + "giá trị nào vào tin nhắn này",
            ]),
        LintCase(
            name: "input-types",
            expected: [
                "flows/menu.yaml:7: kiểu nhập không tồn tại 'ten'; các kiểu có: text, name, number, date, phone, "
                    + "citizen_id, email, choice, yes_no, location, image, file, commune, procedure",
                "flows/menu.yaml:14: ràng buộc nhập không tồn tại 'minimum'; các ràng buộc có: type, options, min, "
                    + "max, optional, after, before, landline, multiple, whole",
            ]),
        LintCase(
            name: "duplicate-ids",
            expected: [
                "flows/menu-cu.yaml:7: khóa 'say' bị lặp trong cùng một mapping; chỉ giá trị đầu tiên được dùng",
                "flows/menu.yaml:1: mã kịch bản 'menu' đã dùng trong flows/menu-cu.yaml",
                "flows/menu.yaml:12: mã bước 'chao' bị lặp; mỗi bước cần một mã riêng",
            ]),
        LintCase(
            name: "no-end",
            expected: [
                "flows/vong-lap.yaml:3: kịch bản 'vong-lap' không bao giờ kết thúc: từ bước đầu 'hoi' không tới "
                    + "được bước nào có 'end: true', 'start_flow' hay 'start_flow_from'"
            ]),
        LintCase(
            name: "conditions",
            expected: [
                "flows/menu.yaml:12: câu hỏi 'gioi-tinh' có hai lựa chọn cùng giá trị 'Nam'",
                "flows/menu.yaml:15: bước 'gioi-tinh' so sánh 'gioi_tinh' với 'nuu', nhưng câu trả lời chỉ có thể "
                    + "là: nam, nu",
                "flows/menu.yaml:17: bước 'gioi-tinh' so sánh 'gioi_tinh' với 'khac', nhưng câu trả lời chỉ có thể "
                    + "là: nam, nu",
                "flows/menu.yaml:19: bước 'gioi-tinh' có điều kiện trên 'tuoi' nhưng không câu hỏi hay hành động "
                    + "nào lưu 'tuoi'",
                "flows/menu.yaml:27: bước 'dong-y' so sánh 'dong_y' với 'co', nhưng câu trả lời chỉ có thể là: "
                    + "yes, no",
                "flows/menu.yaml:31: bước 'xac-nhan' xác nhận 'ngay_sinh' nhưng không câu hỏi nào lưu 'ngay_sinh'",
            ]),
        LintCase(
            name: "unknown-action",
            expected: [
                "flows/menu.yaml:6: bước 'gui' dùng hành động không tồn tại 'submit_dosier'; các hành động có: "
                    + "submit_dossier, create_report, lookup_status, subscribe, unsubscribe, handoff, delete_my_data, calculate_copy_fee"
            ]),
        LintCase(
            name: "procedure-file",
            expected: [
                "procedures/thieu-le-phi.yaml:1: thiếu khóa 'fee'",
                "procedures/thieu-le-phi.yaml:9: khóa không tồn tại 'thoi_gian'; các khóa có: code, name, short_name, "
                    + "keywords, authority, documents, fee, processing_time, legal_basis, where_to_file, note, flow, "
                    + "to_confirm",
                "procedures/thieu-le-phi.yaml:11: 'to_confirm' nhắc tới khóa không tồn tại 'le_phi'",
                "procedures/trung-ma-a.yaml:10: thủ tục '1.000001' trỏ tới kịch bản không tồn tại 'dang-ky-khai-tu'; "
                    + "để trống 'flow' cho tới khi có tệp kịch bản đó",
                "procedures/trung-ma-b.yaml:1: mã thủ tục '1.000001' đã dùng trong procedures/trung-ma-a.yaml",
            ]),
        LintCase(
            name: "unknown-procedure",
            expected: [
                "flows/menu.yaml:3: kịch bản 'menu' ghi thủ tục '9.999999' nhưng thư mục procedures không có mã này",
                "flows/menu.yaml:7: câu hỏi 'hoi' liệt kê thủ tục '8.888888' nhưng thư mục procedures không có mã này",
                "flows/menu.yaml:14: bước 'noi' dùng {{tt_so}} nhưng không câu hỏi hay hành động nào lưu 'tt_so'",
                "flows/menu.yaml:22: bước 'vao' dùng start_flow_from 'ho_ten' nhưng không câu hỏi thủ tục "
                    + "(input: procedure) nào lưu 'ho_ten'",
            ]),
        LintCase(
            name: "no-menu",
            expected: [
                "flows/trang-chu.yaml:1: không kịch bản nào có id 'menu'; menu chính cần một kịch bản như vậy"
            ]),
    ]
}

struct LintTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func folder(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("fixtures/lint/\(name)").path
    }

    /// Lints a fixture and returns its lines with the folder prefix removed.
    static func lines(_ name: String) -> [String] {
        let folder = folder(name)
        return TemplateLinter.lint(folder: folder).map {
            $0.description.replacingOccurrences(of: folder + "/", with: "")
        }
    }

    @Test(arguments: LintCase.all)
    func fixtureReportsExactLines(_ lintCase: LintCase) {
        #expect(Self.lines(lintCase.name) == lintCase.expected)
    }

    @Test(
        "YAML problem in Vietnamese",
        arguments: [
            ("- a\nb: c\n", "thiếu dấu '-' ở đầu mục danh sách"),
            ("a: [1, 2\nb: 3\n", "thiếu dấu ',' hoặc dấu ']' đóng"),
            ("a: b: c\n", "dấu ':' không được đứng ở đây"),
            ("a: \"mở\n", "chưa đóng"),
        ])
    func yamlProblemIsVietnamese(_ text: String, _ expected: String) {
        do {
            _ = try YAMLParser.parse(text)
            Issue.record("no error for \(text)")
        } catch {
            let message = (error as? YAMLError)?.message ?? "\(error)"
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func unknownYAMLProblemKeepsOriginal() {
        #expect(YAMLError.vietnamese(problem: "found something new") == "YAML không hợp lệ (found something new)")
    }

    @Test func everyFixtureFolderHasCase() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: Self.repositoryRoot.appendingPathComponent("fixtures/lint").path)
        #expect(Set(names) == Set(LintCase.all.map(\.name)))
    }

    @Test func realTemplatesAreClean() {
        let errors = TemplateLinter.lint(folder: Self.repositoryRoot.appendingPathComponent("templates").path)
        #expect(errors.map(\.description) == [])
    }

    @Test func outputIsSortedAndRepeatable() {
        let first = TemplateLinter.lint(folder: Self.folder("unknown-placeholder"))
        let second = TemplateLinter.lint(folder: Self.folder("unknown-placeholder"))
        #expect(first == second)
        let keys = first.map { "\($0.file)\u{0}\(String(format: "%06d", $0.line))" }
        #expect(keys == keys.sorted())
        #expect(Set(first.map(\.file)).count == 2)
    }

    @Test func sortingOrdersByFileThenLine() {
        let errors = [
            FlowError(file: "b.yaml", line: 2, message: "x"),
            FlowError(file: "a.yaml", line: 10, message: "y"),
            FlowError(file: "a.yaml", line: 9, message: "z"),
            FlowError(file: "a.yaml", line: 10, message: "y"),
        ]
        #expect(
            errors.sortedByLocation().map(\.description) == ["a.yaml:9: z", "a.yaml:10: y", "b.yaml:2: x"])
    }

    @Test func loaderRejectsWhatLintReports() {
        let folder = Self.folder("unused-answer")
        #expect {
            _ = try TemplateLoader.load(folder: folder)
        } throws: { error in
            (error as? FlowErrors)?.errors == TemplateLinter.lint(folder: folder)
        }
    }

    @Test func missingFolderNamesFlowsFolder() {
        let errors = TemplateLinter.lint(folder: "/nonexistent-motcua-templates")
        #expect(
            errors.first?.description
                == "/nonexistent-motcua-templates/flows:0: không có tệp kịch bản (*.yaml) nào trong thư mục này")
        #expect(errors.count == 2)
    }

    @Test func callerSeesSubflowAnswers() throws {
        let caller = try Self.document(
            """
            id: menu
            title: Menu
            start: goi
            steps:
              goi:
                call: hoi-ten
                next: xong
              xong:
                say: "Chào {{ho_ten}}"
                end: true
            """, source: "menu.yaml")
        let subflow = try Self.document(
            """
            id: hoi-ten
            title: Hỏi tên
            start: ten
            steps:
              ten:
                ask: "Tên bác?"
                input: name
                save: ho_ten
                next: xong
              xong:
                say: "Cảm ơn."
                end: true
            """, source: "hoi-ten.yaml")
        #expect(FlowLinter.lint([caller, subflow]) == [])
        #expect(
            FlowLinter.lint([caller]).map(\.description) == [
                "menu.yaml:6: bước 'goi' gọi kịch bản không tồn tại 'hoi-ten'",
                "menu.yaml:9: bước 'xong' dùng {{ho_ten}} nhưng không câu hỏi hay hành động nào lưu 'ho_ten'",
            ])
    }

    static func document(_ text: String, source: String) throws -> FlowDocument {
        let root = try YAMLParser.parse(text)
        let (flow, errors) = FlowLoader.read(root, source: source, version: "test")
        #expect(errors == [])
        return FlowDocument(source: source, root: root, flow: flow, isValid: errors.isEmpty)
    }
}
