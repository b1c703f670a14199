/// A flow with the source lines the linter reports, and its steps in file order.
struct FlowOutline {
    var flow: Flow
    var source: String
    var root: DocumentNode
    var isValid: Bool
    var idLine: Int
    var startLine: Int
    var steps: [StepOutline]
    var stepsByID: [String: StepOutline]

    init(flow: Flow, document: FlowDocument) {
        self.flow = flow
        source = document.source
        root = document.root
        isValid = document.isValid
        idLine = document.root["id"]?.line ?? document.root.line
        startLine = document.root["start"]?.line ?? document.root.line
        let stepNodes = document.root["steps"]
        steps = flow.stepOrder.compactMap { id in
            flow.steps[id].map { StepOutline(step: $0, node: stepNodes?[id]) }
        }
        stepsByID = Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var id: String { flow.id }

    /// Step ids reachable from `start` inside this flow.
    func reachableSteps() -> Set<String> {
        var seen: Set<String> = []
        var pending = [flow.start]
        while let id = pending.popLast() {
            guard let step = stepsByID[id], seen.insert(id).inserted else { continue }
            pending += step.successors
        }
        return seen
    }

    func error(_ line: Int, _ message: String) -> FlowError {
        FlowError(file: source, line: line, message: message)
    }
}
