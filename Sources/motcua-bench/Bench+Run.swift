import Foundation

extension Bench {
    /// Runs every benchmark, prints the table and appends it to BENCHMARKS.md. Returns 1 when a
    /// benchmark could not run and 0 otherwise, whether targets were met or not.
    func runAll() async -> Int32 {
        FileHandleOutput.print("motcua-bench: đo trên 127.0.0.1 với \(options.motcuaBinary)")
        // Read before any load starts, so the load average shows only other processes.
        let machine = await MachineDescription.current(swiftBinary: options.swiftBinary)
        var failures = 0
        var table = ResultTable()

        func attempt<Result>(_ name: String, target: String, _ body: () async throws -> Result) async -> Result? {
            do {
                return try await body()
            } catch {
                failures += 1
                FileHandleOutput.print("  ✗ \(name): \(error)")
                table.append(ResultRow(figure: name, value: "lỗi / failed", target: target, verdict: .missed))
                return nil
            }
        }

        let floor = options.runs("floor") ? await attempt("floor", target: "—") { try await measureFloor() } : nil
        let ingest =
            options.runs("ingest")
            ? await attempt("webhook ingest", target: "≥ 30,000") { try await measureIngest() } : nil
        if let ingest {
            table.append(contentsOf: ingestRows(ingest, floor: floor))
        } else if let floor {
            table.append(floorRow(floor))
        }
        if options.runs("fixed-rate"),
            let row = await attempt("p99 ack at 5,000 events/s", target: "< 5 ms", { try await measureFixedRate() })
        {
            table.append(row)
        }
        if options.runs("broadcast") { table.append(contentsOf: await measureBroadcast()) }
        if options.runs("replay"), let row = await attempt("replay", target: "≥ 50,000", { try measureReplay() }) {
            table.append(row)
        }
        if options.runs("memory"),
            let rows = await attempt("memory", target: "< 64 MB / < 256 MB", { try await measureMemory() })
        {
            table.append(contentsOf: rows)
        }
        if options.runs("startup"),
            let row = await attempt("start-up", target: "< 200 ms", { try await measureStartup() })
        {
            table.append(row)
        }
        if options.profile {
            _ = await attempt("profile", target: "—") { try await profileServe() }
        }

        FileHandleOutput.print("\nKết quả:\n")
        FileHandleOutput.print(table.plainText())
        var report = BenchReport(
            machine: machine,
            commands: ["make bench"] + commands, table: table, profiles: profiles)
        if options.database != nil {
            report.database = "PostgreSQL on 127.0.0.1, a private server started by `make bench` (fsync on)"
        }
        do {
            try report.append(to: options.outputFile)
            FileHandleOutput.print("Đã ghi thêm kết quả vào \(options.outputFile).")
        } catch {
            failures += 1
            FileHandleOutput.print("lỗi: \(error)")
        }
        return failures == 0 ? 0 : 1
    }
}
