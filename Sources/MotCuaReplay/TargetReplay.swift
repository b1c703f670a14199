/// Replays fixtures over HTTP against a running server; see `TargetReplay+Webhooks.swift`.
enum TargetReplay {
    static func run(
        _ fixtures: [Fixture], webhookFiles: [String], target: TargetSettings, options: ReplayOptions,
        output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        errorOutput("--target chưa hỗ trợ\n")
        return 2
    }
}
