import Foundation

/// One run's section of BENCHMARKS.md: machine, commands, table and profiles.
struct BenchReport {
    var machine: MachineDescription
    var commands: [String]
    var table: ResultTable
    var profiles: [(title: String, text: String)]
    /// The database of the server under test, as written in the report.
    var database = "SQLite, a fresh file per run (WAL, synchronous=FULL)"

    static let fileHeader = """
        # Benchmarks

        Each section below is one `make bench` run, appended by `motcua-bench`. Every load runs on
        127.0.0.1 against a release build, bounded in time. Figures depend on the machine, so compare
        runs only within one machine description.

        """

    func markdown() -> String {
        var text =
            "\n## Run of \(machine.date)\n\n### Machine\n\n" + machine.markdown() + "\n### Database\n\n" + database
            + "\n\n### Commands\n\n```\n"
        text += commands.joined(separator: "\n") + "\n```\n\n### Results\n\n" + table.markdown()
        let missed = table.rows.filter { $0.verdict == .missed }.map(\.figure)
        if !profiles.isEmpty {
            text += "\n### Profile (valgrind callgrind, instruction counts, inclusive)\n\n"
            if !missed.isEmpty {
                text += "Targets missed: " + missed.joined(separator: "; ") + ".\n"
            }
            for profile in profiles {
                text += "\n#### \(profile.title)\n\n```\n\(profile.text)\n```\n"
            }
        }
        return text
    }

    /// Appends the section to `path`, writing the file header first when the file is new.
    func append(to path: String) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: Data(Self.fileHeader.utf8)) else {
                throw BenchError("không tạo được \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("không mở được \(path) để ghi thêm")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(markdown().utf8))
    }
}
