/// One flow file as input to the linter: the parsed document for line numbers and whatever flow
/// the reader could build from it.
public struct FlowDocument: Sendable {
    public var source: String
    public var root: DocumentNode
    /// nil when the file lacks an id, a title or a start step.
    public var flow: Flow?
    /// False when the reader already reported problems in this file. The linter then skips the
    /// path and answer checks inside it, because a dropped step would make its neighbours look
    /// unreachable or unused. Per-step checks still run, and its id and saved slots still count
    /// for the other files.
    public var isValid: Bool

    public init(source: String, root: DocumentNode, flow: Flow?, isValid: Bool) {
        self.source = source
        self.root = root
        self.flow = flow
        self.isValid = isValid
    }
}
