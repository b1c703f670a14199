/// The settings of one `motcua replay` run.
public struct ReplayOptions: Sendable {
    /// Fixture files or folders; folders are searched for `*.yaml` (and `*.json` webhook fixtures
    /// with `target`), recursively.
    public var paths: [String]
    /// Templates for fixtures without a `templates` key.
    public var templates: String
    public var update = false
    public var junitPath: String?
    /// Fails the run when steps and branches exercised fall below this percent.
    public var minimumCoverage: Double?
    public var chaos: Set<ChaosMode> = []
    public var language: ReplayLanguage = .vietnamese
    /// ANSI colours in the output, for a terminal.
    public var colour = false
    /// Prints only one machine-readable line with the counts and the speed.
    public var quiet = false
    /// Replays over HTTP against a running server instead of in process.
    public var target: TargetSettings?

    public init(paths: [String], templates: String) {
        self.paths = paths
        self.templates = templates
    }
}
