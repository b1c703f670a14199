import Foundation

extension Bench {
    /// Time from exec of `motcua serve` to the first 200 from `/healthz`, median of several runs,
    /// each on a fresh database so migrations run every time.
    func measureStartup() async throws -> ResultRow {
        announce("Đo thời gian khởi động (\(options.startupRuns) lần)…")
        let (mock, _) = try startMockPlatform()
        defer { mock.stop() }
        var samples: [Double] = []
        for run in 0..<options.startupRuns {
            let folder = workFolder + "/startup-\(run)"
            let serve = try ServeProcess(
                binary: options.motcuaBinary, templates: options.templatesFolder, folder: folder, port: allocatePort(),
                mockBase: mock.baseURL)
            do {
                samples.append(try await serve.waitUntilHealthy(client: client, timeoutSeconds: 20).milliseconds)
            } catch {
                await serve.stop()
                throw error
            }
            await serve.stop()
        }
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2]
        done("trung vị \(Format.ms(median)) (từ \(Format.ms(sorted.first)) đến \(Format.ms(sorted.last)))")
        return ResultRow(
            figure: "khởi động / start-up to /healthz", value: Format.ms(median), target: "< 200 ms",
            verdict: median < 200 ? .met : .missed,
            method:
                "median of \(samples.count) runs from Process.run() to the first 200 on GET /healthz, polled every "
                + "2 ms; fresh SQLite database each run; range \(Format.ms(sorted.first)) to \(Format.ms(sorted.last))")
    }
}
