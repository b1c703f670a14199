import Foundation
import MotCuaReplay

extension Bench {
    /// Runs every conversation fixture through FixtureRunner in this process, again and again
    /// for a bounded time after one warm-up pass, and counts the turns per second.
    func measureReplay() throws -> ResultRow {
        announce("Đo tốc độ phát lại kịch bản mẫu trong tiến trình…")
        let paths = try FileManager.default.contentsOfDirectory(atPath: options.fixturesFolder)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { options.fixturesFolder + "/" + $0 }
        let fixtures = try paths.map { try FixtureParser.load(path: $0) }
        guard !fixtures.isEmpty else { throw BenchError("không có kịch bản mẫu nào trong \(options.fixturesFolder)") }
        var runner = FixtureRunner(defaultTemplates: options.templatesFolder)

        var mismatches = 0
        for fixture in fixtures { mismatches += try runner.run(fixture).mismatches.count }

        let turnsPerPass = fixtures.reduce(0) { total, fixture in
            total + fixture.turns.filter { if case .send = $0 { true } else { false } }.count
        }
        let limit = Duration.milliseconds(Int(options.replaySeconds * 1000))
        var turns = 0
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            for fixture in fixtures { _ = try runner.record(fixture) }
            turns += turnsPerPass
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let rate = Double(turns) / elapsed
        done("\(Format.rate(rate)) lượt/giây qua \(fixtures.count) kịch bản, \(mismatches) chỗ sai khác")
        return ResultRow(
            figure: "phát lại / replay (turns/s)", value: Format.rate(rate), target: "≥ 50,000",
            verdict: rate >= 50_000 ? .met : .missed,
            method:
                "\(fixtures.count) fixtures in \(options.fixturesFolder) run by MotCuaReplay.FixtureRunner.record in "
                + "the harness for \(options.replaySeconds) s after a checked warm-up pass (\(mismatches) mismatches); "
                + "a turn is one message sent, with an in-memory SQLite store and the engine")
    }
}
