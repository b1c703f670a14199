import Foundation
import MotCuaCore
import MotCuaHTTP

/// Replays fixtures over HTTP against a running server: each message turn becomes a signed webhook
/// for the fixture's channel, and the replies are read back from the mock platform API. Webhook
/// fixture files (`*.json`) are posted re-signed, and pass when the server responds with a 2xx status.
enum TargetReplay {
    static func run(
        _ fixtures: [Fixture], webhookFiles: [String], target: TargetSettings, options: ReplayOptions,
        output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let language = options.language
        let client: TargetClient
        do {
            client = try TargetClient(target: target)
        } catch {
            errorOutput(
                language.pick("Lỗi: không tạo được HTTP client: ", "Error: cannot create the HTTP client: ")
                    + "\(error)\n")
            return 2
        }
        defer { client.shutdown() }

        // Platform user ids differ on every run, so a server that kept earlier conversations
        // starts each fixture from a new one.
        let runID = UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_000_000
        var outcomes: [ReplayOutcome] = []
        var turns = 0
        let clock = ContinuousClock()
        let started = clock.now

        let clockIsMovable = !fixtures.isEmpty && client.canAdvanceClock()
        if !fixtures.isEmpty, !clockIsMovable {
            errorOutput(
                language.pick(
                    "Cảnh báo: server không có đồng hồ giả nên ngày giờ theo đồng hồ thật, không theo start: của "
                        + "kịch bản; chạy 'MOTCUA_FAKE_CLOCK=1 motcua demo' để dùng start:\n",
                    "Warning: the server has no fake clock, so dates follow the real clock, not the fixtures' "
                        + "start:; run 'MOTCUA_FAKE_CLOCK=1 motcua demo' to use start:\n"))
        }

        for (index, fixture) in fixtures.enumerated() {
            let hasWaits = fixture.turns.contains {
                if case .wait = $0 { return true }
                return false
            }
            if hasWaits, !clockIsMovable {
                errorOutput(
                    language.pick(
                        "Cảnh báo: bỏ qua \(fixture.path): lượt wait: cần server chạy bằng "
                            + "'MOTCUA_FAKE_CLOCK=1 motcua demo' (POST /__mock/clock không dùng được)\n",
                        "Warning: skipping \(fixture.path): wait turns need a server started with "
                            + "'MOTCUA_FAKE_CLOCK=1 motcua demo' (POST /__mock/clock is not available)\n"))
                continue
            }
            let userID = "8\(String(format: "%012llu", runID))\(String(format: "%03d", index % 1000))"
            let fixtureStarted = clock.now
            let recording: FixtureRecording
            do {
                if clockIsMovable { try client.setClock(to: fixture.start) }
                recording = try client.record(fixture, platformUserID: userID, language: language)
            } catch let error as FixtureError {
                errorOutput("\(error)\n")
                return 2
            } catch {
                errorOutput("\(fixture.path): \(error)\n")
                return 2
            }
            turns += recording.turns.count
            outcomes.append(
                ReplayOutcome(
                    fixture: fixture, report: FixtureRunner.report(fixture, recording, language: language),
                    seconds: (clock.now - fixtureStarted).seconds, messageTurns: recording.turns.count))
        }

        for file in webhookFiles {
            let fileStarted = clock.now
            let outcome: (channel: ChannelKind?, status: Int, problem: String?)
            do {
                outcome = try client.postWebhookFixture(file, language: language)
            } catch {
                errorOutput(language.pick("Lỗi: ", "Error: ") + "\(error)\n")
                return 2
            }
            let fixture = Fixture(
                path: file, name: URL(fileURLWithPath: file).lastPathComponent, channel: outcome.channel ?? .zalo,
                userID: "", templatesFolder: nil, start: Date(), turns: [])
            var report = FixtureReport(path: file, name: fixture.name, turns: 1, mismatches: [])
            if let problem = outcome.problem {
                report.mismatches.append(
                    FixtureReport.Mismatch(
                        path: file, line: 1, turn: 1, sent: "webhook", problem: problem, expected: "", actual: ""))
            }
            output("\(file): HTTP \(outcome.status)\n")
            outcomes.append(
                ReplayOutcome(
                    fixture: fixture, report: report, seconds: (clock.now - fileStarted).seconds, messageTurns: 0))
        }

        let printer = ReplayPrinter(language: language, colour: options.colour)
        return ReplaySession.finish(
            outcomes, coverage: nil, seconds: (clock.now - started).seconds, printer: printer, options: options,
            output: output, errorOutput: errorOutput)
    }
}
