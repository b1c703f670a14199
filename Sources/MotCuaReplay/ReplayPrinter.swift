import Foundation

/// Formats the replay's output: failures with a line diff, the coverage table, the speed and the
/// summary line. Colours are ANSI escapes, used only when `colour` is true.
struct ReplayPrinter {
    var language: ReplayLanguage
    var colour: Bool

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func failureTitle(_ report: FixtureReport) -> String {
        language.pick(
            "\(report.mismatches.count) chỗ sai trong \(report.name)",
            "\(report.mismatches.count) differences in \(report.name)")
    }

    /// Formats the fixture's name, then each mismatch as `file:line: turn N ("sent"): problem` and a diff
    /// in which `-` lines are expected only and `+` lines were sent only.
    func failure(_ report: FixtureReport) -> String {
        var text = paint(language.pick("KHÔNG ĐẠT ", "FAILED ") + "\(report.path) (\(report.name))", "1;31") + "\n"
        for mismatch in report.mismatches {
            let turn = language.pick("lượt", "turn")
            text += paint("\(mismatch.path):\(mismatch.line):", "1") + " \(turn) \(mismatch.turn) (\(mismatch.sent)): "
            text += mismatch.problem + "\n"
            guard !mismatch.expected.isEmpty || !mismatch.actual.isEmpty else { continue }
            text += "    " + paint(language.pick("- mong đợi", "- expected"), "31") + "   "
            text += paint(language.pick("+ bot gửi", "+ sent by the bot"), "32") + "\n"
            let diff = LineDiff.compare(lines(mismatch.expected), lines(mismatch.actual))
            for line in diff {
                switch line {
                case .same(let content): text += "      " + content + "\n"
                case .removed(let content): text += paint("    - " + content, "31") + "\n"
                case .added(let content): text += paint("    + " + content, "32") + "\n"
                }
            }
        }
        return text
    }

    private func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Formats one row per flow: steps hit of all, branches taken of all, percent, then what was missed.
    /// A flow no fixture entered gets its row only, so a run of a few fixtures stays short.
    func coverageTable(_ coverage: FlowCoverage) -> String {
        let flowHeader = language.pick("kịch bản", "flow")
        let width = max(flowHeader.count, coverage.rows.map(\.flowID.count).max() ?? 0)
        func padded(_ text: String, _ size: Int) -> String {
            text + String(repeating: " ", count: max(0, size - text.count))
        }
        var text = "\n" + paint(language.pick("Độ phủ", "Coverage"), "1") + "\n"
        text +=
            padded(flowHeader, width) + "  " + padded(language.pick("bước", "steps"), 8) + "  "
            + padded(language.pick("nhánh", "branches"), 8) + "  %\n"
        for row in coverage.rows {
            text += padded(row.flowID, width) + "  " + padded("\(row.stepsHit)/\(row.steps)", 8) + "  "
            text += padded("\(row.branchesHit)/\(row.branches)", 8) + "  " + Self.percent(row.percent) + "\n"
            guard row.stepsHit > 0 else { continue }
            if !row.missedSteps.isEmpty {
                text += "    " + language.pick("bước chưa chạy: ", "steps never entered: ")
                text += row.missedSteps.joined(separator: ", ") + "\n"
            }
            if !row.missedBranches.isEmpty {
                text += "    " + language.pick("nhánh chưa đi: ", "branches never taken: ")
                text += row.missedBranches.joined(separator: ", ") + "\n"
            }
        }
        text += language.pick("Tổng: ", "Total: ") + Self.percent(coverage.percent) + "\n"
        return text
    }

    func speed(turns: Int, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(turns) / seconds : 0
        let time = String(format: "%.2f", seconds)
        return language.pick(
            "\(turns) lượt trong \(time) giây: \(Int(rate.rounded())) lượt/giây\n",
            "\(turns) turns in \(time) s: \(Int(rate.rounded())) turns/s\n")
    }

    /// `N passed, N failed` in English; `N đạt, N lỗi` in Vietnamese.
    func summary(passed: Int, failed: Int) -> String {
        let text = language.pick("\(passed) đạt, \(failed) lỗi", "\(passed) passed, \(failed) failed")
        return paint(text, failed == 0 ? "32" : "31") + "\n"
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value)
    }
}
