import Foundation
import MotCuaCore
import MotCuaReplay
import Testing

/// Runs every conversation fixture under fixtures/conversations against the repository's
/// templates, and checks that the runner reports differences with the file, line and both texts.
struct ConversationFixtureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let folder = root.appendingPathComponent("fixtures/conversations").path

    static let fixtureFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("fixture replays as written", arguments: fixtureFiles)
    func fixtureReplays(_ file: String) throws {
        let fixture = try FixtureParser.load(path: Self.folder + "/" + file)
        var runner = FixtureRunner(defaultTemplates: Self.templates)
        let report = try runner.run(fixture)
        // The whole diff also goes to standard output, since a long expectation comment may be cut.
        if !report.passed { print(report) }
        #expect(report.passed, "\(report)")
    }

    @Test func everyFlowHasFixtures() throws {
        let flows = try FileManager.default.contentsOfDirectory(atPath: Self.templates + "/flows")
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        for flow in flows {
            let count = Self.fixtureFiles.filter { $0.hasPrefix(flow + "--") }.count
            #expect(count >= 2, "kịch bản \(flow) cần ít nhất hai tệp thử (đường chính và đường lỗi), có \(count)")
        }
    }

    @Test func mismatchNamesLineAndBothTexts() throws {
        let text = """
            name: sai có chủ ý
            start: 2026-03-02T08:00:00+07:00
            turns:
              - user: menu
                expect:
                  - text: Xin chào!
                  - contains: Bác cần làm gì
              - user: "9"
                expect: []
            """
        let fixture = try FixtureParser.parse(text, path: "sai.yaml")
        var runner = FixtureRunner(defaultTemplates: Self.templates)
        let report = try runner.run(fixture)

        #expect(!report.passed)
        #expect(report.mismatches.count == 2)
        let first = try #require(report.mismatches.first)
        #expect(first.line == 6)
        #expect(first.turn == 1)
        #expect(first.expected == "Xin chào!")
        #expect(first.actual.hasPrefix("Xin chào! Đây là trợ lý"))
        let second = try #require(report.mismatches.last)
        #expect(second.line == 8)
        #expect(second.problem.contains("mong đợi 0 tin"))
        #expect(report.description.contains("sai.yaml:6: lượt 1 (\"menu\")"))
    }

    @Test func waitAdvancesTheFakeClock() throws {
        let text = """
            start: 2026-03-02T08:00:00+07:00
            turns:
              - user: khai sinh
              - wait: 45m
              - user: nguyen van an
                expect:
                  - contains: đang làm dở
                    buttons: [Làm tiếp, Làm lại từ đầu]
            """
        let fixture = try FixtureParser.parse(text, path: "cho.yaml")
        var runner = FixtureRunner(defaultTemplates: Self.templates)
        let report = try runner.run(fixture)
        // The whole diff also goes to standard output, since a long expectation comment may be cut.
        if !report.passed { print(report) }
        #expect(report.passed, "\(report)")
    }

    @Test(
        "invalid fixture is rejected with its line",
        arguments: [
            ("turns:\n  - usr: a\n", 2),
            ("turns:\n  - wait: 45 phut\n", 2),
            ("turns:\n  - user: {video: x}\n", 2),
            ("turns:\n  - user: a\n    expect:\n      - says: b\n", 4),
            ("start: hom nay\nturns: []\n", 1),
            ("turns:\n  - user: a\n    expect:\n      - save: ma\n", 4),
        ])
    func invalidFixture(_ text: String, line: Int) {
        #expect {
            _ = try FixtureParser.parse(text, path: "x.yaml")
        } throws: { error in
            (error as? FixtureError)?.line == line
        }
    }

    @Test func parsesEveryContentKind() throws {
        let text = """
            channel: telegram
            user: u1
            templates: ../../templates
            turns:
              - user: {image: "https://example.test/a.jpg"}
              - user: {location: {lat: 11.31, lon: 106.1}}
              - user: {button: nam}
              - user: {follow}
              - wait: 2h
            """
        let fixture = try FixtureParser.parse(text, path: "/tmp/a/b/c.yaml")
        #expect(fixture.channel == .telegram)
        #expect(fixture.userID == "u1")
        #expect(fixture.templatesFolder == "/tmp/templates")
        #expect(fixture.turns.count == 5)
        guard case .send(.location(let latitude, let longitude), nil, _) = fixture.turns[1] else {
            Issue.record("turn 2 is not a location: \(fixture.turns[1])")
            return
        }
        #expect(latitude == 11.31)
        #expect(longitude == 106.1)
        guard case .send(.follow, _, _) = fixture.turns[3] else {
            Issue.record("turn 4 is not a follow: \(fixture.turns[3])")
            return
        }
        guard case .wait(let seconds, _) = fixture.turns[4] else {
            Issue.record("turn 5 is not a wait")
            return
        }
        #expect(seconds == 7200)
    }
}
