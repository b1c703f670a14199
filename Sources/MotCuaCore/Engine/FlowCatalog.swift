/// The loaded flows. Older versions stay available so that a conversation keeps the version it
/// started with.
public struct FlowCatalog: Sendable {
    public private(set) var flows: [String: Flow] = [:]
    private var versions: [String: Flow] = [:]
    /// The folded keywords and title of each current flow, sorted by flow id. Folding is costly,
    /// so it runs once per flow here instead of on every incoming message.
    private var matchKeys: [MatchKeys] = []
    /// The flow shown by "menu" and to a citizen outside any flow.
    public var menuFlowID: String

    public init(flows: [Flow], menuFlowID: String = "menu") {
        self.menuFlowID = menuFlowID
        for flow in flows { add(flow) }
    }

    public mutating func add(_ flow: Flow) {
        flows[flow.id] = flow
        versions["\(flow.id)@\(flow.version)"] = flow
        matchKeys.removeAll { $0.flowID == flow.id }
        let position = matchKeys.firstIndex { $0.flowID > flow.id } ?? matchKeys.count
        matchKeys.insert(MatchKeys(flow), at: position)
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
    /// The longest matching keyword wins, and of equal lengths the flow with the smallest id.
    public func flow(matching text: String) -> Flow? {
        let key = Array((" " + VietnameseText.foldKey(text) + " ").utf8)
        var best: (flowID: String, length: Int)?
        for entry in matchKeys where entry.flowID != menuFlowID {
            for keyword in entry.keywords
            where keyword.length > best?.length ?? 0 && Self.contains(key, keyword.padded) {
                best = (entry.flowID, keyword.length)
            }
        }
        return best.flatMap { flows[$0.flowID] }
    }

    /// Returns whether `part` occurs in `whole` as a run of bytes. Folded keys contain no combining
    /// marks, so comparing their UTF-8 bytes gives the same result as comparing Characters.
    private static func contains(_ whole: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty else { return true }
        guard part.count <= whole.count else { return false }
        for start in 0...(whole.count - part.count) where whole[start] == part[0] {
            if whole[start..<(start + part.count)].elementsEqual(part) { return true }
        }
        return false
    }
}

/// One flow's keywords and title, folded and padded with spaces for whole-word matching.
private struct MatchKeys: Sendable {
    var flowID: String
    /// Each keyword as UTF-8 bytes with a space on either side, and its length in Characters.
    var keywords: [(padded: [UInt8], length: Int)]

    init(_ flow: Flow) {
        flowID = flow.id
        keywords = (flow.keywords + [flow.title]).map(VietnameseText.foldKey).filter { !$0.isEmpty }.map {
            (padded: Array(" \($0) ".utf8), length: $0.count)
        }
    }
}
