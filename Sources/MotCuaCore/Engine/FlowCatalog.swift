/// The loaded flows. Older versions stay available so that a conversation keeps the version it
/// started with.
public struct FlowCatalog: Sendable {
    public private(set) var flows: [String: Flow] = [:]
    private var versions: [String: Flow] = [:]
    /// The flow shown by "menu" and to a citizen outside any flow.
    public var menuFlowID: String

    public init(flows: [Flow], menuFlowID: String = "menu") {
        self.menuFlowID = menuFlowID
        for flow in flows { add(flow) }
    }

    public mutating func add(_ flow: Flow) {
        flows[flow.id] = flow
        versions["\(flow.id)@\(flow.version)"] = flow
    }

    /// Keeps an earlier version for conversations that started on it, without replacing the
    /// current flow.
    public mutating func addEarlierVersion(_ flow: Flow) {
        versions["\(flow.id)@\(flow.version)"] = flow
    }

    /// The flow with this id at this version, or the current one when that version is gone.
    public func flow(_ id: String, version: String? = nil) -> Flow? {
        if let version, let old = versions["\(id)@\(version)"] { return old }
        return flows[id]
    }

    /// The flow whose keywords best match the text, by folded whole words; nil when none does.
    public func flow(matching text: String) -> Flow? {
        let key = " " + VietnameseText.foldKey(text) + " "
        var best: (flow: Flow, length: Int)?
        for flow in flows.values.sorted(by: { $0.id < $1.id }) where flow.id != menuFlowID {
            for keyword in flow.keywords + [flow.title] {
                let folded = VietnameseText.foldKey(keyword)
                guard !folded.isEmpty, key.contains(" \(folded) ") else { continue }
                if folded.count > best?.length ?? 0 { best = (flow, folded.count) }
            }
        }
        return best?.flow
    }
}
