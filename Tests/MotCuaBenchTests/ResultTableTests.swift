import Testing

@testable import motcua_bench

struct ResultTableTests {
    static let table = ResultTable(rows: [
        ResultRow(
            figure: "webhook ingest (events/s)", value: "31,200", target: "≥ 30,000", verdict: .met,
            method: "wrk -t2 -c32"),
        ResultRow(figure: "start-up", value: "250.0 ms", target: "< 200 ms", verdict: .missed),
        .notAvailable("broadcast fan-out", target: "≥ 20,000", reason: "not built yet"),
    ])

    @Test func markdownHasHeaderAndOneLinePerRow() {
        let lines = Self.table.markdown().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "| figure | value | target | met? |")
        #expect(lines[1] == "| --- | --- | --- | --- |")
        #expect(lines[2] == "| webhook ingest (events/s) | 31,200 | ≥ 30,000 | đạt / met |")
        #expect(lines[3] == "| start-up | 250.0 ms | < 200 ms | chưa đạt / missed |")
        #expect(lines[4] == "| broadcast fan-out | chưa có / not available yet | ≥ 20,000 | — |")
    }

    @Test func markdownListsMethodsUnderTable() {
        let markdown = Self.table.markdown()
        #expect(markdown.contains("- webhook ingest (events/s): wrk -t2 -c32\n"))
        #expect(markdown.contains("- broadcast fan-out: not built yet\n"))
        #expect(!markdown.contains("- start-up:"))
    }

    @Test func markdownEscapesPipesAndNewlines() {
        let table = ResultTable(rows: [
            ResultRow(figure: "a | b", value: "1\n2", target: "—", verdict: .notMeasured)
        ])
        #expect(table.markdown().contains("| a \\| b | 1 2 | — | — |"))
    }

    @Test func plainTextAlignsColumns() {
        let lines = Self.table.plainText().split(separator: "\n")
        #expect(lines.count == 5)
        let valueColumn = lines[0].range(of: "giá trị / value")!.lowerBound
        let offset = lines[0].distance(from: lines[0].startIndex, to: valueColumn)
        for line in lines.dropFirst(2) {
            let characters = Array(line)
            #expect(characters[offset - 1] == " ")
            #expect(characters[offset] != " ")
        }
    }

    @Test func reportSectionContainsMachineCommandsAndTable() {
        let machine = MachineDescription(
            cores: 2, memory: "3.8 GiB", cpuModel: "Test CPU", operatingSystem: "Debian", swiftVersion: "Swift 6",
            date: "2026-01-01T00:00:00Z")
        let report = BenchReport(
            machine: machine, commands: ["make bench", "wrk -t2"], table: Self.table,
            profiles: [(title: "Ingest path", text: "1,000 (10.00%)  Router.handle")])
        let text = report.markdown()
        #expect(text.contains("## Run of 2026-01-01T00:00:00Z"))
        #expect(text.contains("- cores (nproc): 2"))
        #expect(text.contains("```\nmake bench\nwrk -t2\n```"))
        #expect(text.contains("| start-up | 250.0 ms | < 200 ms | chưa đạt / missed |"))
        #expect(text.contains("Targets missed: start-up."))
        #expect(text.contains("#### Ingest path"))
    }

    @Test(arguments: [
        ("MemTotal:       24684020 kB", "MemTotal", ":", "24684020 kB"),
        ("model name\t: Test CPU @ 2.0GHz", "model name", ":", "Test CPU @ 2.0GHz"),
        ("PRETTY_NAME=\"Debian GNU/Linux 12\"", "PRETTY_NAME", "=", "\"Debian GNU/Linux 12\""),
    ])
    func machineValueReadsNamedLine(line: String, name: String, separator: Character, expected: String) {
        let text = "other: 1\n" + line + "\nlast: 2"
        #expect(MachineDescription.value(of: name, in: text, separator: separator) == expected)
    }
}
