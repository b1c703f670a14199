import Foundation
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import MotCuaYAML
import Testing

/// Runs `ReplaySession`, the code behind `motcua replay`, on fixture files written to a temporary
/// folder, and checks its output, exit status, JUnit file and record mode.
struct ReplayCommandTests {
    static let templates = ConversationFixtureTests.templates
    static let fixtures = ConversationFixtureTests.folder

    /// A fixture whose first expectation is wrong on purpose.
    static let failing = """
        name: lời chào đổi
        start: 2026-03-02T08:00:00+07:00
        turns:
          - user: huy nhan tin
            expect:
              - text: Bác muốn ngừng nhận tin không?
                buttons: [Có, Không]
        """

    private func temporaryFile(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ options: ReplayOptions) -> (status: Int32, output: String, errors: String) {
        var output = ""
        var errors = ""
        let status = ReplaySession.run(options, output: { output += $0 }, errorOutput: { errors += $0 })
        return (status, output, errors)
    }

    @Test func failingFixtureShowsLineAndDiff() throws {
        let path = try temporaryFile("doi.yaml", Self.failing)
        let result = run(ReplayOptions(paths: [path], templates: Self.templates))

        #expect(result.status == 1)
        #expect(result.output.contains("\(path):6: lượt 1 (\"huy nhan tin\"): tin thứ 1 khác chữ"))
        #expect(result.output.contains("    - Bác muốn ngừng nhận tin không?"))
        #expect(result.output.contains("    + Bác muốn ngừng nhận thông báo qua tin nhắn này phải không?"))
        #expect(result.output.hasSuffix("0 đạt, 1 lỗi\n"))
        #expect(!result.output.contains("\u{1B}["), "no colour unless asked")
    }

    @Test func englishSummaryAndColour() throws {
        let path = try temporaryFile("doi.yaml", Self.failing)
        var options = ReplayOptions(paths: [path], templates: Self.templates)
        options.language = .english
        options.colour = true
        let result = run(options)

        #expect(result.status == 1)
        #expect(result.output.contains("turn 1 (\"huy nhan tin\"): message 1 has other text"))
        #expect(result.output.contains("\u{1B}[31m    - Bác muốn ngừng nhận tin không?\u{1B}[0m"))
        #expect(result.output.hasSuffix("0 passed, 1 failed\u{1B}[0m\n"))
    }

    @Test func passingSuiteExitsZero() {
        let result = run(ReplayOptions(paths: [Self.fixtures], templates: Self.templates))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" lượt/giây\n"))
        #expect(result.output.hasSuffix("31 đạt, 0 lỗi\n") || result.output.contains(" đạt, 0 lỗi\n"))
    }

    @Test(
        "invalid input exits with 2",
        arguments: [
            ("/khong/co/tep.yaml", nil as String?),
            ("", "turns:\n  - usr: a\n"),
        ])
    func invalidInputExitsTwo(_ missingPath: String, _ content: String?) throws {
        let path = try content.map { try temporaryFile("sai.yaml", $0) } ?? missingPath
        let result = run(ReplayOptions(paths: [path], templates: Self.templates))
        #expect(result.status == 2)
        #expect(!result.errors.isEmpty)
    }

    @Test func quietPrintsOneMachineLine() {
        var options = ReplayOptions(paths: [Self.fixtures + "/menu--go-sai.yaml"], templates: Self.templates)
        options.quiet = true
        let result = run(options)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("passed=1 failed=0 turns=") == true)
        #expect(lines.first?.contains(" turns_per_second=") == true)
    }

    @Test func junitFileHasOneCasePerFixture() throws {
        let failingPath = try temporaryFile("doi.yaml", Self.failing)
        let junit = URL(fileURLWithPath: failingPath).deletingLastPathComponent().appendingPathComponent("ket-qua.xml")
        var options = ReplayOptions(
            paths: [failingPath, Self.fixtures + "/menu--go-sai.yaml"], templates: Self.templates)
        options.junitPath = junit.path
        _ = run(options)

        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("<testsuites tests=\"2\" failures=\"1\""))
        #expect(xml.components(separatedBy: "<testcase ").count == 3)
        #expect(xml.contains("name=\"lời chào đổi\""))
        #expect(xml.contains("<failure message=\"1 chỗ sai trong lời chào đổi\">"))
        #expect(xml.contains("- Bác muốn ngừng nhận tin không?"))
        #expect(xml.contains(":6: lượt 1 (&quot;huy nhan tin&quot;)"))
    }

    @Test func junitCreatesMissingFolders() throws {
        let fixturePath = try temporaryFile("doi.yaml", Self.failing)
        let junit = URL(fileURLWithPath: fixturePath).deletingLastPathComponent()
            .appendingPathComponent("build/ci/replay.xml")
        var options = ReplayOptions(paths: [fixturePath], templates: Self.templates)
        options.junitPath = junit.path

        let result = run(options)

        #expect(result.status == 1, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: junit.path), "\(result.errors)")
    }

    @Test func junitErrorIsVietnameseWithPath() throws {
        let fixturePath = try temporaryFile("doi.yaml", Self.failing)
        // A regular file where a folder should be makes the folder impossible to create.
        let blocker = URL(fileURLWithPath: fixturePath).deletingLastPathComponent().appendingPathComponent("build")
        try "".write(to: blocker, atomically: true, encoding: .utf8)
        let junit = blocker.appendingPathComponent("replay.xml").path
        var options = ReplayOptions(paths: [fixturePath], templates: Self.templates)
        options.junitPath = junit

        let result = run(options)

        #expect(result.status == 2)
        #expect(result.errors.contains("'\(blocker.path)'"), "\(result.errors)")
        #expect(result.errors.contains("--junit"), "\(result.errors)")
        for english in ["couldn’t", "couldn't", "The file", "because"] {
            #expect(!result.errors.contains(english), "\(result.errors)")
        }
    }

    @Test func quietUpdatePrintsOnlySummary() throws {
        let path = try temporaryFile("doi.yaml", Self.failing)
        var options = ReplayOptions(paths: [path], templates: Self.templates)
        options.update = true
        options.quiet = true

        let result = run(options)

        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "\(result.output)")
        #expect(lines.first?.hasPrefix("passed=1 failed=0 ") == true, "\(result.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) != Self.failing)
    }

    @Test func updateKeepsCommentsAndRewritesOnlyWrongBlock() throws {
        let text = """
            # Đầu tệp: chú thích phải giữ nguyên.
            name: ghi lại
            start: 2026-03-02T08:00:00+07:00
            turns:
              - user: huy nhan tin   # lượt 1
                expect:
                  # chú thích trong khối sai
                  - text: Câu cũ
                    buttons: [Có, Không]
              # giữa hai lượt
              - user: "ko"
                expect:
                  - contains: vẫn nhận thông báo   # đúng, giữ nguyên
            # cuối tệp
            """
        let path = try temporaryFile("ghi.yaml", text)
        var options = ReplayOptions(paths: [path], templates: Self.templates)
        options.update = true
        let first = run(options)
        #expect(first.status == 0, "\(first.output)\(first.errors)")

        let updated = try String(contentsOfFile: path, encoding: .utf8)
        let expected = """
            # Đầu tệp: chú thích phải giữ nguyên.
            name: ghi lại
            start: 2026-03-02T08:00:00+07:00
            turns:
              - user: huy nhan tin   # lượt 1
                expect:
                  - text: Bác muốn ngừng nhận thông báo qua tin nhắn này phải không?
                    buttons: [Có, Không]
              # giữa hai lượt
              - user: "ko"
                expect:
                  - contains: vẫn nhận thông báo   # đúng, giữ nguyên
            # cuối tệp
            """
        #expect(updated == expected)

        options.update = false
        let second = run(options)
        #expect(second.status == 0, "\(second.output)")
    }

    @Test func userTurnsOnlyFileGetsExpectations() throws {
        let text = """
            name: chỉ có lượt người dân
            start: 2026-03-02T08:00:00+07:00
            turns:
              - user: phan anh
              - user: "1"
              - user: o ga to giua duong, xe may de te
              - user: {image: "https://example.test/anh.jpg"}
              - user: {location: {lat: 11.31, lon: 106.1}}
              - user: xong
              - user: u
              - user: "0912345678"
              - user: dung roi
            """
        let path = try temporaryFile("moi.yaml", text)
        var options = ReplayOptions(paths: [path], templates: Self.templates)
        options.update = true
        let recorded = run(options)
        #expect(recorded.status == 0, "\(recorded.output)\(recorded.errors)")

        let updated = try String(contentsOfFile: path, encoding: .utf8)
        let fixture = try FixtureParser.parse(updated, path: path)
        for turn in fixture.turns {
            guard case .send(_, let expect, _) = turn else { continue }
            #expect(expect != nil, "every turn has expectations now:\n\(updated)")
        }
        // A filed report shows a random ticket, so its reply is recorded as a pattern.
        #expect(updated.contains("- matches: "), "\(updated)")
        #expect(updated.contains("PA-[A-Z0-9]{6}-[A-Z0-9]"), "\(updated)")

        options.update = false
        for _ in 0..<2 {
            let again = run(options)
            #expect(again.status == 0, "the recorded fixture passes on later runs: \(again.output)")
        }
    }

    @Test func coverageCountsStepsAndBranches() throws {
        let fixture = try FixtureParser.load(path: Self.fixtures + "/huy-nhan-tin--giu.yaml")
        var runner = FixtureRunner(defaultTemplates: Self.templates)
        let recording = try runner.record(fixture)
        let coverage = FlowCoverage(
            catalog: try runner.catalog(for: fixture), enteredSteps: recording.enteredSteps,
            transitions: recording.transitions)
        let row = try #require(coverage.rows.first { $0.flowID == "huy-nhan-tin" })

        #expect(row.steps == 4)
        #expect(row.stepsHit == 2)
        #expect(row.missedSteps == ["huy", "xong"])
        #expect(row.branches == 2)
        #expect(row.branchesHit == 1)
        #expect(row.missedBranches == ["hoi → huy"])
        #expect(row.percent == 50)
    }

    @Test func minimumCoverageFailsTheRun() {
        var options = ReplayOptions(paths: [Self.fixtures + "/huy-nhan-tin--giu.yaml"], templates: Self.templates)
        options.minimumCoverage = 99
        let result = run(options)
        #expect(result.status == 1)
        #expect(result.output.contains("thấp hơn mức tối thiểu 99.0%"))
        #expect(result.output.hasSuffix("1 đạt, 0 lỗi\n"), "the summary stays the last line")
    }

    @Test("every fixture survives a chaos mode", arguments: ChaosMode.allCases)
    func chaosKeepsReplies(_ mode: ChaosMode) {
        var options = ReplayOptions(paths: [Self.fixtures], templates: Self.templates)
        options.chaos = [mode]
        options.quiet = true
        let result = run(options)
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains(" failed=0 "))
    }

    @Test func burstQueuesEventsBeforeProcessing() throws {
        let fixture = try FixtureParser.load(path: Self.fixtures + "/huy-nhan-tin--giu.yaml")
        var runner = FixtureRunner(defaultTemplates: Self.templates)
        let plain = try runner.record(fixture)
        let burst = try runner.record(fixture, chaos: [.burst, .duplicate, .restart])
        #expect(burst.chaosProblems.isEmpty)
        #expect(burst.turns.map(\.turn) == plain.turns.map(\.turn))
        #expect(burst.turns.map(\.replies) == plain.turns.map(\.replies))
    }
}

/// Exports a stored conversation as a fixture and checks that personal data is gone.
struct ReplayExportTests {
    @Test func exportReplacesPersonalData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("motcua.sqlite").path
        let store = try SQLiteStore(path: path)
        let id = ConversationID(channel: .zalo, userID: "123456")
        let start = Date(timeIntervalSince1970: 1_772_413_200)
        let messages: [(String, String)] = [
            ("lam giay khai sinh", "Họ và tên của cháu là gì?"),
            ("Nguyễn Văn Thành", "Cháu sinh ngày nào? Số căn cước 001203004005 của bác đã lưu."),
            ("1/3/26", "Giới tính của cháu?"),
            ("trai", "Cảm ơn, Nguyễn Văn Thành; liên hệ 0987654321 hoặc thanh.nguyen@gmail.com."),
        ]
        for (index, (text, reply)) in messages.enumerated() {
            let now = start.addingTimeInterval(Double(index) * 10)
            let event = InboundEvent(
                channel: .zalo, eventID: "e\(index)", userID: id.userID,
                timestampMillis: Int64(now.timeIntervalSince1970 * 1000), content: .text(text))
            #expect(try store.insertInbound(event, receivedAt: now))
            let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)
            try store.commitProcessing(
                ProcessingCommit(
                    eventSequence: sequence,
                    conversation: ConversationRecord(id: id, state: Data("{}".utf8), updatedAt: now),
                    replies: [OutboundMessage(text: reply)], dossiers: [], now: now))
        }
        store.close()

        let text = try FixtureExporter.export(
            databasePath: path, channel: .zalo, userID: "123456", templates: ConversationFixtureTests.templates)

        for secret in ["Nguyễn Văn Thành", "0987654321", "001203004005", "thanh.nguyen@gmail.com", "123456"] {
            #expect(!text.contains(secret), "\(secret) is still in the export:\n\(text)")
        }
        #expect(text.contains("0900000001"))
        #expect(text.contains("nguoidan1@example.test"))
        let fixture = try FixtureParser.parse(text, path: "xuat.yaml")
        #expect(fixture.turns.count == 4)
    }

    /// Stores a conversation whose replies come from the real engine, so the export can be
    /// replayed against the same templates.
    private func storeConversation(_ texts: [String], userID: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("motcua.sqlite").path
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        let loaded = try TemplateLoader.load(folder: ConversationFixtureTests.templates)
        let engine = ConversationEngine(
            catalog: loaded.catalog, messages: loaded.messages, communes: loaded.communes,
            procedures: loaded.procedures)
        var conversation = try LocalConversation(
            engine: engine, userID: userID, logger: Logger(label: "test", level: .error))
        let id = ConversationID(channel: .zalo, userID: userID)
        let start = Date(timeIntervalSince1970: 1_772_413_200)
        for (index, text) in texts.enumerated() {
            let now = start.addingTimeInterval(Double(index) * 10)
            let replies = conversation.send(.text(text), now: now)
            let event = InboundEvent(
                channel: .zalo, eventID: "e\(index)", userID: userID,
                timestampMillis: Int64(now.timeIntervalSince1970 * 1000), content: .text(text))
            #expect(try store.insertInbound(event, receivedAt: now))
            let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)
            try store.commitProcessing(
                ProcessingCommit(
                    eventSequence: sequence,
                    conversation: ConversationRecord(id: id, state: Data("{}".utf8), updatedAt: now),
                    replies: replies, dossiers: [], now: now))
        }
        return path
    }

    @Test(
        "export keeps commands typed at a question",
        arguments: [
            ["lam giay khai sinh", "dừng"],
            ["lam giay khai sinh", "menu"],
            ["lam giay khai sinh", "hủy"],
            ["lam giay khai sinh", "Nguyễn Văn Thành", "quay lại", "Nguyễn Văn Thành"],
            ["lam giay khai sinh", "gặp cán bộ"],
            ["lam giay khai sinh", "stop"],
        ])
    func exportKeepsCommands(_ texts: [String]) throws {
        let path = try storeConversation(texts, userID: "555000")

        let text = try FixtureExporter.export(
            databasePath: path, channel: .zalo, userID: "555000", templates: ConversationFixtureTests.templates)

        #expect(!text.contains("Nguyễn Văn Thành"), "the name is still in the export:\n\(text)")
        for command in texts where command != "Nguyễn Văn Thành" && command != "lam giay khai sinh" {
            #expect(text.contains("user: \(command)"), "\(command) was replaced:\n\(text)")
        }
        let fixture = try FixtureParser.parse(text, path: "xuat.yaml")
        var runner = FixtureRunner(defaultTemplates: ConversationFixtureTests.templates)
        let report = try runner.run(fixture)
        #expect(report.passed, "\(report)\n\(text)")
    }
}
