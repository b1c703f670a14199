import Foundation

extension Bench {
    /// Function-name fragments that mark the webhook ingest path in a profile.
    static let ingestPathPatterns = [
        "Router", "ZaloWebhook", "insertInbound", "DaemonContext", "HTTPServer", "MHD_", "sqlite3", "Digest", "SHA256",
    ]
    /// Function-name fragments that mark event processing and reply delivery.
    static let replyPathPatterns = [
        "EventProcessor", "ConversationEngine", "ActionPerformer", "commitProcessing", "OutboxSender", "claimDueOutbox",
        "HTTPClient", "Curl", "curl_", "JSONDecoder", "JSONEncoder", "loadConversation",
    ]

    /// Runs `motcua serve` under valgrind's callgrind with a small wrk load and the reply path
    /// active, then keeps the top inclusive functions: overall, ingest path and reply path.
    func profileServe() async throws {
        let valgrind = "/usr/bin/valgrind"
        guard FileManager.default.isExecutableFile(atPath: valgrind) else {
            FileHandleOutput.print("  ! không có valgrind; bỏ qua phần đo chi tiết")
            return
        }
        announce("Đo chi tiết bằng valgrind callgrind với tải nhỏ (chậm, khoảng 1–2 phút)…")
        let outputFile = workFolder + "/callgrind.out"
        let (mock, replies) = try startMockPlatform()
        defer { mock.stop() }
        let wrapper = [valgrind, "--tool=callgrind", "--callgrind-out-file=\(outputFile)"]
        record(command: "valgrind --tool=callgrind --callgrind-out-file=$TMP/callgrind.out motcua serve --config …")
        try await withServe(name: "profile", mockBase: mock.baseURL, wrapper: wrapper, healthTimeoutSeconds: 180) {
            serve in
            let script = try prepareLoad(name: "profile", count: 20_000, users: options.users, threads: 1)
            let before = replies.value
            let wrk = try await runWrk(
                url: "http://127.0.0.1:\(serve.port)/webhooks/zalo", script: script, threads: 1, connections: 4,
                durationSeconds: 15)
            _ = await replies.waitFor(before + wrk.requests, quietSeconds: 5, timeoutSeconds: 60)
            FileHandleOutput.print(
                "  · dưới valgrind: \(wrk.requests) sự kiện, \(replies.value - before) trả lời; đang dừng server")
        }

        let annotate = try await ChildProcess.output(
            "/usr/bin/callgrind_annotate", ["--inclusive=yes", "--threshold=100", outputFile], timeoutSeconds: 120)
        let demangled = try await demangle(annotate.output)
        let lines = Self.functionLines(demangled)
        profiles = [
            ("Top inclusive functions, whole process", lines.prefix(30).joined(separator: "\n")),
            ("Ingest path", Self.matching(lines, Self.ingestPathPatterns).prefix(20).joined(separator: "\n")),
            (
                "Processing and reply path",
                Self.matching(lines, Self.replyPathPatterns).prefix(25).joined(separator: "\n")
            ),
        ]
        record(
            command:
                "callgrind_annotate --inclusive=yes --threshold=100 $TMP/callgrind.out | swift demangle --simplified")
        let kept = NSTemporaryDirectory() + "motcua-bench-callgrind.out"
        try? FileManager.default.removeItem(atPath: kept)
        try? FileManager.default.copyItem(atPath: outputFile, toPath: kept)
        done("đã ghi \(lines.count) hàm vào báo cáo; dữ liệu gốc ở \(kept)")
    }

    private func demangle(_ text: String) async throws -> String {
        let input = workFolder + "/callgrind.txt"
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let demangler = "/bin/sh"
        let run = try await ChildProcess.output(
            demangler, ["-c", "\"$0\" demangle --simplified < \"$1\"", options.swiftBinary, input], timeoutSeconds: 120)
        return run.status == 0 ? run.output : text
    }

    /// The lines of callgrind_annotate output that name a function, in its order (costliest first).
    static func functionLines(_ annotated: String) -> [String] {
        annotated.split(separator: "\n").map(String.init).filter { line in
            line.contains("%)") && line.contains(":") && !line.contains("PROGRAM TOTALS")
        }.map { line in
            line.count > 220 ? String(line.prefix(217)) + "..." : line
        }
    }

    static func matching(_ lines: [String], _ patterns: [String]) -> [String] {
        lines.filter { line in patterns.contains { line.contains($0) } }
    }
}
