import Foundation
import MotCuaCore

/// `motcua replay` without its argument parsing. It finds fixtures, runs them in process (or against
/// a server with `target`), and prints diffs, coverage and speed. The exit status is 0 when all
/// passed, 1 when a fixture failed or coverage is too low, and 2 for invalid input.
public enum ReplaySession {
    /// Runs the replay and writes its output through `output`, errors through `errorOutput`.
    public static func run(
        _ options: ReplayOptions, output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let language = options.language
        let files: [String]
        do {
            files = try FixtureFiles.find(options.paths, includeWebhooks: options.target != nil)
        } catch let error as FixtureError {
            errorOutput(language.pick("Lỗi: ", "Error: ") + error.message + "\n")
            return 2
        } catch {
            errorOutput("\(error)\n")
            return 2
        }

        var fixtures: [Fixture] = []
        var invalid: [FixtureError] = []
        for file in files where file.hasSuffix(".yaml") {
            do {
                fixtures.append(try FixtureParser.load(path: file))
            } catch let error as FixtureError {
                invalid.append(error)
            } catch {
                invalid.append(FixtureError(path: file, line: 0, message: "\(error)"))
            }
        }
        guard invalid.isEmpty else {
            for error in invalid { errorOutput("\(error)\n") }
            errorOutput(
                language.pick(
                    "\(invalid.count) tệp kịch bản thử không hợp lệ; sửa các dòng trên rồi chạy lại.\n",
                    "\(invalid.count) fixture files are invalid; fix the lines above and run again.\n"))
            return 2
        }

        if let target = options.target {
            let webhookFiles = files.filter { $0.hasSuffix(".json") }
            return TargetReplay.run(
                fixtures, webhookFiles: webhookFiles, target: target, options: options, output: output,
                errorOutput: errorOutput)
        }
        return runInProcess(fixtures, options: options, output: output, errorOutput: errorOutput)
    }

    private static func runInProcess(
        _ fixtures: [Fixture], options: ReplayOptions, output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let language = options.language
        var runner = FixtureRunner(defaultTemplates: options.templates)
        var outcomes: [ReplayOutcome] = []
        var enteredSteps: Set<StepReference> = []
        var transitions: Set<StepTransition> = []
        var catalogs: [String: FlowCatalog] = [:]
        let clock = ContinuousClock()
        var elapsed = Duration.zero

        for fixture in fixtures {
            let recording: FixtureRecording
            let started: ContinuousClock.Instant
            do {
                // Templates load before the clock starts, so the speed counts replayed turns only.
                let folder = fixture.templatesFolder ?? options.templates
                let catalog = try runner.catalog(for: fixture)
                if catalogs[folder] == nil { catalogs[folder] = catalog }
                started = clock.now
                recording = try runner.record(fixture, chaos: options.chaos)
            } catch {
                errorOutput("\(error)\n")
                return 2
            }
            let spent = clock.now - started
            elapsed += spent
            enteredSteps.formUnion(recording.enteredSteps)
            transitions.formUnion(recording.transitions)

            var report = FixtureRunner.report(fixture, recording, language: language)
            let hasUncheckedTurns = fixture.turns.contains {
                if case .send(_, nil, _) = $0 { return true }
                return false
            }
            if options.update, !report.passed || hasUncheckedTurns, recording.chaosProblems.isEmpty {
                do {
                    // With --quiet the summary stays the only line, for scripts that read it.
                    if try record(fixture, recording), !options.quiet {
                        output(language.pick("đã ghi lại: ", "updated: ") + fixture.path + "\n")
                    }
                    report.mismatches = []
                } catch {
                    errorOutput("\(fixture.path): \(error)\n")
                    return 2
                }
            }
            outcomes.append(
                ReplayOutcome(
                    fixture: fixture, report: report, seconds: spent.seconds,
                    messageTurns: recording.turns.count))
        }

        let coverage = catalogs.values.map {
            FlowCoverage(catalog: $0, enteredSteps: enteredSteps, transitions: transitions)
        }
        let merged = FlowCoverage.merging(coverage)
        let printer = ReplayPrinter(language: language, colour: options.colour)
        return finish(
            outcomes, coverage: merged, seconds: elapsed.seconds, printer: printer, options: options, output: output,
            errorOutput: errorOutput)
    }

    /// Prints the outcome, writes the JUnit file and decides the exit status.
    static func finish(
        _ outcomes: [ReplayOutcome], coverage: FlowCoverage?, seconds: Double, printer: ReplayPrinter,
        options: ReplayOptions, output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let language = options.language
        let failed = outcomes.filter { !$0.report.passed }.count
        let turns = outcomes.reduce(0) { $0 + $1.messageTurns }
        let speed = seconds > 0 ? Double(turns) / seconds : 0
        var coverageTooLow = false
        if let minimum = options.minimumCoverage, let coverage, coverage.percent < minimum {
            coverageTooLow = true
        }

        if options.quiet {
            output(
                "passed=\(outcomes.count - failed) failed=\(failed) turns=\(turns) "
                    + "seconds=\(String(format: "%.3f", seconds)) turns_per_second=\(String(format: "%.0f", speed))\n")
        } else {
            for outcome in outcomes where !outcome.report.passed {
                output(printer.failure(outcome.report))
            }
            if let coverage { output(printer.coverageTable(coverage)) }
            if coverageTooLow, let coverage, let minimum = options.minimumCoverage {
                // Printed before the summary, which stays the last line.
                output(
                    language.pick(
                        "Độ phủ \(ReplayPrinter.percent(coverage.percent)) thấp hơn mức tối thiểu "
                            + "\(ReplayPrinter.percent(minimum)).\n",
                        "Coverage \(ReplayPrinter.percent(coverage.percent)) is below the minimum "
                            + "\(ReplayPrinter.percent(minimum)).\n"))
            }
            output(printer.speed(turns: turns, seconds: seconds))
            output(printer.summary(passed: outcomes.count - failed, failed: failed))
        }

        if let path = options.junitPath {
            let cases = outcomes.map { outcome in
                JUnitReport.Case(
                    name: outcome.fixture.name, file: outcome.fixture.path, seconds: outcome.seconds,
                    failure: outcome.report.passed
                        ? nil
                        : (
                            printer.failureTitle(outcome.report),
                            ReplayPrinter(language: language, colour: false).failure(outcome.report)
                        ))
            }
            if let problem = writeJUnit(JUnitReport.xml(suite: "motcua replay", cases: cases), to: path, language) {
                errorOutput(problem + "\n")
                return 2
            }
        }

        return failed == 0 && !coverageTooLow ? 0 : 1
    }

    /// Writes the JUnit file, creating its missing parent folders. Returns the error to print when
    /// a folder or the file cannot be written, in the replay's language.
    static func writeJUnit(_ xml: String, to path: String, _ language: ReplayLanguage) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return language.pick(
                "Lỗi: không tạo được thư mục '\(folder)' cho tệp JUnit; kiểm tra quyền ghi hoặc chọn đường dẫn khác "
                    + "cho --junit",
                "Error: cannot create the folder '\(folder)' for the JUnit file; check write permission or choose "
                    + "another path for --junit")
        }
        do {
            try xml.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            return language.pick(
                "Lỗi: không ghi được tệp JUnit '\(path)'; kiểm tra quyền ghi hoặc chọn đường dẫn khác cho --junit",
                "Error: cannot write the JUnit file '\(path)'; check write permission or choose another path for "
                    + "--junit")
        }
        return nil
    }

    /// Rewrites the fixture file from the recording; returns false when nothing changed.
    private static func record(_ fixture: Fixture, _ recording: FixtureRecording) throws -> Bool {
        let text = try String(contentsOfFile: fixture.path, encoding: .utf8)
        let updated = FixtureUpdater.update(text, fixture: fixture, recording: recording)
        guard updated != text else { return false }
        try updated.write(toFile: fixture.path, atomically: true, encoding: .utf8)
        return true
    }
}

/// One fixture's report with the time it took.
struct ReplayOutcome {
    var fixture: Fixture
    var report: FixtureReport
    var seconds: Double
    var messageTurns: Int
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
