/// Steps across all flows joined the way a conversation moves: along `next`, into a sub-flow at a
/// `call`, and from a sub-flow's ends back to the step after each `call` of it. It is used to
/// find the steps that can run after a question, including those in callers and sub-flows.
struct StepGraph {
    struct Node: Hashable {
        var flowID: String
        var stepID: String
    }

    let flowsByID: [String: FlowOutline]
    /// The `call` steps naming each flow, with the flow that contains them.
    private let callSites: [String: [Node]]

    init(flowsByID: [String: FlowOutline]) {
        self.flowsByID = flowsByID
        var sites: [String: [Node]] = [:]
        for outline in flowsByID.values {
            for step in outline.steps {
                if case .callFlow(let target) = step.step.kind {
                    sites[target, default: []].append(Node(flowID: outline.id, stepID: step.id))
                }
            }
        }
        callSites = sites
    }

    func step(_ node: Node) -> StepOutline? {
        flowsByID[node.flowID]?.stepsByID[node.stepID]
    }

    func successors(of node: Node) -> [Node] {
        guard let step = step(node) else { return [] }
        var nodes = step.successors.map { Node(flowID: node.flowID, stepID: $0) }
        switch step.step.kind {
        case .callFlow(let target):
            if let subflow = flowsByID[target] {
                nodes.append(Node(flowID: target, stepID: subflow.flow.start))
            }
        case .end:
            for site in callSites[node.flowID] ?? [] {
                nodes += (self.step(site)?.successors ?? []).map { Node(flowID: site.flowID, stepID: $0) }
            }
        default:
            break
        }
        return nodes
    }

    /// Returns true when a step that can run after `node` satisfies `predicate`.
    func anyStep(after node: Node, where predicate: (StepOutline) -> Bool) -> Bool {
        var seen: Set<Node> = []
        var pending = successors(of: node)
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let step = step(next) else { continue }
            if predicate(step) { return true }
            pending += successors(of: next)
        }
        return false
    }
}
