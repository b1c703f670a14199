/// Reads flow files into the model, collecting errors instead of stopping at the first.
struct FlowReader {
    let source: String
    private(set) var errors: [FlowError] = []

    init(source: String) {
        self.source = source
    }

    mutating func fail(_ line: Int, _ message: String) {
        errors.append(FlowError(file: source, line: line, message: message))
    }

    mutating func read(_ root: DocumentNode, version: String) -> Flow? {
        guard root.mapping != nil else {
            fail(root.line, "a flow file must be a mapping with id, title, start and steps")
            return nil
        }
        let id = requiredScalar(root, "id")
        let title = requiredScalar(root, "title")
        let start = requiredScalar(root, "start")
        let keywords = root["keywords"].map { stringList($0, what: "keywords") } ?? []
        let procedure = root["procedure"]?.scalar

        var steps: [String: Step] = [:]
        var order: [String] = []
        if let stepsNode = root["steps"], let pairs = stepsNode.mapping {
            for (stepID, node) in pairs {
                if steps[stepID] != nil {
                    fail(node.line, "duplicate step id '\(stepID)'")
                    continue
                }
                if let step = readStep(stepID, node) {
                    steps[stepID] = step
                    order.append(stepID)
                }
            }
        } else {
            fail(root.line, "missing 'steps' mapping")
        }

        if let start, steps[start] == nil, root["steps"] != nil {
            fail(root["start"]?.line ?? root.line, "start step '\(start)' does not exist")
        }
        checkReferences(steps)

        guard let id, let title, let start else { return nil }
        return Flow(
            id: id, title: title, keywords: keywords, procedure: procedure, start: start, steps: steps,
            stepOrder: order, version: version, source: source)
    }

    private mutating func requiredScalar(_ node: DocumentNode, _ key: String) -> String? {
        guard let value = node[key] else {
            fail(node.line, "missing '\(key)'")
            return nil
        }
        guard let text = value.scalar, !text.isEmpty else {
            fail(value.line, "'\(key)' must be a non-empty text")
            return nil
        }
        return text
    }

    mutating func stringList(_ node: DocumentNode, what: String) -> [String] {
        if let text = node.scalar { return [text] }
        guard let items = node.sequence else {
            fail(node.line, "'\(what)' must be a list")
            return []
        }
        var result: [String] = []
        for item in items {
            if let text = item.scalar {
                result.append(text)
            } else {
                fail(item.line, "'\(what)' items must be texts")
            }
        }
        return result
    }

    private mutating func checkReferences(_ steps: [String: Step]) {
        for step in steps.values {
            switch step.next {
            case .step(let target)?:
                if steps[target] == nil { fail(step.line, "step '\(step.id)' goes to unknown step '\(target)'") }
            case .branches(let branches)?:
                for branch in branches where steps[branch.target] == nil {
                    fail(branch.line, "step '\(step.id)' goes to unknown step '\(branch.target)'")
                }
            case nil:
                switch step.kind {
                case .end, .startFlow: break
                default: fail(step.line, "step '\(step.id)' has no 'next' and is not an end")
                }
            }
        }
    }
}
