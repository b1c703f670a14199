import Foundation
import Testing

/// Runs `motcua replay` as a tester would, for the argument parsing and exit codes.
@Suite(.serialized)
struct ReplayProcessTests {
    @Test(
        "replay exit status",
        arguments: [
            (["replay", "--help"], 0 as Int32, "Cách dùng: motcua replay"),
            (["replay", "fixtures/conversations/menu--go-sai.yaml"], 0, "1 đạt, 0 lỗi"),
            (["replay", "--lang", "en", "fixtures/conversations/menu--go-sai.yaml"], 0, "1 passed, 0 failed"),
            (
                ["replay", "--chaos", "restart", "--chaos", "burst", "fixtures/conversations/menu--go-sai.yaml"], 0,
                "đạt"
            ),
            (
                ["replay", "--chaos", "duplicate", "restart", "burst", "fixtures/conversations/menu--go-sai.yaml"], 0,
                "1 đạt, 0 lỗi"
            ),
            (["replay", "--chaos", "restart,burst", "fixtures/conversations/menu--go-sai.yaml"], 0, "1 đạt, 0 lỗi"),
            (["replay", "--chaos", "lung-tung"], 2, "--chaos cần một hoặc nhiều chế độ duplicate, restart, burst"),
            (["replay", "--chaos", "restart,lung-tung"], 2, "--chaos cần một hoặc nhiều chế độ"),
            (["replay", "--min-coverage", "120"], 2, "--min-coverage cần một phần trăm từ 0 đến 100"),
            (["replay", "--target", "http://127.0.0.1:9"], 2, "--target cần địa chỉ API giả lập"),
            (["replay", "khong-co.yaml"], 2, "không tìm thấy 'khong-co.yaml'"),
            (
                ["replay", "export", "--database", "sqlite:/khong/co.sqlite", "--user", "1"], 2,
                "không tìm thấy cơ sở dữ liệu"
            ),
        ])
    func exitStatus(_ arguments: [String], _ status: Int32, _ text: String) throws {
        let run = try ServeProcessTests.run(arguments)
        #expect(run.status == status, "\(run.output)\(run.errors)")
        #expect((run.output + run.errors).contains(text), "\(run.output)\(run.errors)")
        #expect(!run.output.contains("\u{1B}["), "a pipe gets no colour")
    }
}
