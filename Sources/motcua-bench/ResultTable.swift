import Foundation

/// One line of the results table: a measured figure next to its target.
struct ResultRow: Equatable {
    /// Whether the figure meets its target; `notMeasured` when there is no figure yet.
    enum Verdict: Equatable {
        case met
        case missed
        case notMeasured
    }

    var figure: String
    var value: String
    var target: String
    var verdict: Verdict
    /// The measuring method, printed under the table.
    var method: String = ""

    /// Makes a row for a feature that is not built yet.
    static func notAvailable(_ figure: String, target: String, reason: String) -> ResultRow {
        ResultRow(
            figure: figure, value: "chưa có / not available yet", target: target, verdict: .notMeasured, method: reason)
    }
}

/// The results of one `make bench` run, rendered for the terminal and for BENCHMARKS.md.
struct ResultTable {
    var rows: [ResultRow] = []

    mutating func append(_ row: ResultRow) { rows.append(row) }

    mutating func append(contentsOf more: [ResultRow]) { rows += more }

    static func verdictText(_ verdict: ResultRow.Verdict) -> String {
        switch verdict {
        case .met: "đạt / met"
        case .missed: "chưa đạt / missed"
        case .notMeasured: "—"
        }
    }

    /// Renders a Markdown table with one row per figure, then a bulleted list of methods.
    func markdown() -> String {
        var lines = ["| figure | value | target | met? |", "| --- | --- | --- | --- |"]
        for row in rows {
            let cells = [row.figure, row.value, row.target, Self.verdictText(row.verdict)].map(Self.escapedCell)
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let methods = rows.filter { !$0.method.isEmpty }
        if !methods.isEmpty {
            lines.append("")
            lines.append("How each figure was measured:")
            lines.append("")
            for row in methods { lines.append("- \(row.figure): \(row.method)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Renders plain columns padded to the widest cell, for a terminal.
    func plainText() -> String {
        let header = ["chỉ số / figure", "giá trị / value", "mục tiêu / target", "đạt? / met?"]
        let body = rows.map { [$0.figure, $0.value, $0.target, Self.verdictText($0.verdict)] }
        let all = [header] + body
        let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        func render(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([render(header), rule] + body.map(render)).joined(separator: "\n") + "\n"
    }

    private static func escapedCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
