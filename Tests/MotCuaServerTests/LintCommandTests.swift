import Foundation
import Testing

/// Runs `motcua lint` as a flow author would.
struct LintCommandTests {
    @Test func cleanTemplatesExitZero() throws {
        let run = try ServeProcessTests.run(["lint"])
        #expect(run.status == 0)
        #expect(run.output == "Không có lỗi: 13 kịch bản, 1 tệp tin nhắn.\n")
    }

    @Test func brokenTemplatesExitOne() throws {
        let run = try ServeProcessTests.run(["lint"], environment: ["MOTCUA_TEMPLATES": "fixtures/lint/unreachable"])
        #expect(run.status == 1)
        #expect(
            run.output == """
                fixtures/lint/unreachable/flows/menu.yaml:15: bước 'sau-chuyen' không tới được từ bước đầu 'chao'
                fixtures/lint/unreachable/flows/menu.yaml:18: bước 'mo-coi' không tới được từ bước đầu 'chao'
                fixtures/lint/unreachable/flows/phu.yaml:9: bước 'b' không tới được từ bước đầu 'a'
                3 lỗi trong 2 tệp

                """)
    }

    @Test func optionOverridesEnvironment() throws {
        let run = try ServeProcessTests.run(
            ["lint", "--templates", "templates"], environment: ["MOTCUA_TEMPLATES": "fixtures/lint/no-menu"])
        #expect(run.status == 0)
    }

    @Test(arguments: [["lint", "--templates"], ["lint", "--fix"], ["lint", "--templates", "khong-co-thu-muc"]])
    func invalidUsageExitsTwo(_ arguments: [String]) throws {
        let run = try ServeProcessTests.run(arguments)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("Lỗi: "))
        #expect(run.output.isEmpty)
    }

    @Test func missingFolderNamesValueAndFix() throws {
        let run = try ServeProcessTests.run(["lint", "--templates", "khong-co-thu-muc"])
        #expect(run.errors.contains("'khong-co-thu-muc'"))
        #expect(run.errors.contains("--templates"))
    }

    @Test func helpListsLint() throws {
        let main = try ServeProcessTests.run(["--help"])
        #expect(main.output.contains("lint"))
        let lint = try ServeProcessTests.run(["lint", "--help"])
        #expect(lint.status == 0)
        #expect(lint.output.contains("Cách dùng: motcua lint [--templates THƯ_MỤC]"))
    }
}
