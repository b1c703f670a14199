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
            fail(root.line, "tệp kịch bản phải là một mapping gồm id, title, start và steps")
            return nil
        }
        let id = requiredScalar(root, "id")
        let title = requiredScalar(root, "title")
        let start = requiredScalar(root, "start")
        let keywords = root["keywords"].map { stringList($0, what: "keywords") } ?? []
        let procedure = root["procedure"]?.scalar
        let knownKeys: Set<String> = ["id", "title", "keywords", "procedure", "start", "steps"]
        for (key, value) in root.mapping ?? [] where !knownKeys.contains(key) {
            fail(value.line, "khóa không tồn tại '\(key)'; các khóa có: id, title, keywords, procedure, start, steps")
        }

        var steps: [String: Step] = [:]
        var order: [String] = []
        if let stepsNode = root["steps"], let pairs = stepsNode.mapping {
            for (stepID, node) in pairs {
                if steps[stepID] != nil {
                    fail(node.line, "mã bước '\(stepID)' bị lặp; mỗi bước cần một mã riêng")
                    continue
                }
                if let step = readStep(stepID, node) {
                    steps[stepID] = step
                    order.append(stepID)
                }
            }
        } else {
            fail(root.line, "thiếu mapping 'steps'")
        }

        // A step that failed to read has its own error already, so references to it are not
        // reported again. Only ids missing from the file are unknown.
        let declared = Set(root["steps"]?.mapping?.map(\.key) ?? [])
        if let start, !declared.contains(start), root["steps"] != nil {
            fail(root["start"]?.line ?? root.line, "bước đầu '\(start)' không tồn tại")
        }
        checkReferences(steps, declared: declared)

        guard let id, let title, let start else { return nil }
        return Flow(
            id: id, title: title, keywords: keywords, procedure: procedure, start: start, steps: steps,
            stepOrder: order, version: version, source: source)
    }

    private mutating func requiredScalar(_ node: DocumentNode, _ key: String) -> String? {
        guard let value = node[key] else {
            fail(node.line, "thiếu khóa '\(key)'")
            return nil
        }
        guard let text = value.scalar, !text.isEmpty else {
            fail(value.line, "'\(key)' phải là một chuỗi không rỗng")
            return nil
        }
        return text
    }

    mutating func stringList(_ node: DocumentNode, what: String) -> [String] {
        if let text = node.scalar { return [text] }
        guard let items = node.sequence else {
            fail(node.line, "'\(what)' phải là một danh sách")
            return []
        }
        var result: [String] = []
        for item in items {
            if let text = item.scalar {
                result.append(text)
            } else {
                fail(item.line, "các mục của '\(what)' phải là chuỗi")
            }
        }
        return result
    }

    private mutating func checkReferences(_ steps: [String: Step], declared: Set<String>) {
        for step in steps.values {
            switch step.next {
            case .step(let target)?:
                if !declared.contains(target) {
                    fail(step.line, "bước '\(step.id)' trỏ tới bước không tồn tại '\(target)'")
                }
            case .branches(let branches)?:
                for branch in branches where !declared.contains(branch.target) {
                    fail(branch.line, "bước '\(step.id)' trỏ tới bước không tồn tại '\(branch.target)'")
                }
            case nil:
                switch step.kind {
                case .end, .startFlow, .startFlowFrom: break
                default: fail(step.line, "bước '\(step.id)' không có 'next' và không phải bước kết thúc (end: true)")
                }
            }
        }
    }
}
