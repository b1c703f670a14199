extension FlowReader {
    private static let stepKeys: Set<String> = [
        "say", "ask", "input", "save", "label", "error", "example", "confirm", "action", "start_flow", "call", "end",
        "next",
    ]

    mutating func readStep(_ id: String, _ node: DocumentNode) -> Step? {
        guard let pairs = node.mapping else {
            fail(node.line, "step '\(id)' must be a mapping")
            return nil
        }
        for (key, value) in pairs where !Self.stepKeys.contains(key) {
            fail(value.line, "step '\(id)' has unknown key '\(key)'")
        }

        let isEnd = node["end"]?.scalar == "true"
        let next = node["next"].flatMap { readNext($0) }
        var kinds: [Step.Kind] = []

        if let ask = node["ask"] {
            if let question = readQuestion(id, node, prompt: ask) { kinds.append(.question(question)) }
        } else if let say = node["say"] {
            if let text = say.scalar {
                kinds.append(isEnd ? .end(text) : .message(text))
            } else {
                fail(say.line, "'say' must be a text")
            }
        }
        if let confirm = node["confirm"] {
            kinds.append(.confirmation(stringList(confirm, what: "confirm")))
        }
        if let action = node["action"] {
            if let name = action.scalar {
                kinds.append(.action(name))
            } else {
                fail(action.line, "'action' must be an action name")
            }
        }
        if let target = node["start_flow"] {
            if let flowID = target.scalar {
                kinds.append(.startFlow(flowID))
            } else {
                fail(target.line, "'start_flow' must be a flow id")
            }
        }
        if let target = node["call"] {
            if let flowID = target.scalar {
                kinds.append(.callFlow(flowID))
            } else {
                fail(target.line, "'call' must be a flow id")
            }
        }
        if kinds.isEmpty && isEnd { kinds.append(.end(nil)) }

        guard kinds.count == 1, let kind = kinds.first else {
            fail(
                node.line,
                kinds.isEmpty
                    ? "step '\(id)' needs one of say, ask, confirm, action, start_flow, call or end"
                    : "step '\(id)' mixes several kinds; split it into steps")
            return nil
        }
        if isEnd, next != nil {
            fail(node.line, "step '\(id)' is an end and cannot have 'next'")
        }
        return Step(id: id, kind: kind, next: next, line: node.line)
    }

    private mutating func readQuestion(_ id: String, _ node: DocumentNode, prompt: DocumentNode) -> Question? {
        guard let promptText = prompt.scalar else {
            fail(prompt.line, "'ask' must be a text")
            return nil
        }
        guard let slot = node["save"]?.scalar, !slot.isEmpty else {
            fail(node.line, "question '\(id)' needs 'save: slot_name'")
            return nil
        }
        guard let inputNode = node["input"] else {
            fail(node.line, "question '\(id)' needs 'input'")
            return nil
        }
        guard let input = readInput(inputNode) else { return nil }
        return Question(
            prompt: promptText, input: input, slot: slot, label: node["label"]?.scalar ?? slot,
            errorMessage: node["error"]?.scalar, example: node["example"]?.scalar)
    }

    private mutating func readInput(_ node: DocumentNode) -> InputSpec? {
        let typeName = node.scalar ?? node["type"]?.scalar
        guard let typeName else {
            fail(node.line, "'input' needs a 'type'")
            return nil
        }
        guard let type = InputType(rawValue: typeName) else {
            let known = InputType.allCases.map(\.rawValue).joined(separator: ", ")
            fail(node.line, "unknown input type '\(typeName)'; known types: \(known)")
            return nil
        }
        var spec = InputSpec(type: type)
        guard node.mapping != nil else { return spec }

        let known: Set<String> = ["type", "options", "min", "max", "optional", "after", "before"]
        for (key, value) in node.mapping ?? [] where !known.contains(key) {
            fail(value.line, "unknown input constraint '\(key)'")
        }
        spec.optional = node["optional"]?.scalar == "true"
        spec.minimum = number(node["min"], type: type)
        spec.maximum = number(node["max"], type: type)
        if type == .date {
            spec.earliestDate = node["min"]?.scalar ?? node["after"]?.scalar
            spec.latestDate = node["max"]?.scalar ?? node["before"]?.scalar
            for bound in [spec.earliestDate, spec.latestDate].compactMap({ $0 })
            where DateBound.parse(bound) == nil {
                fail(node.line, "invalid date bound '\(bound)'; use today, today-60d, today+30d or yyyy-mm-dd")
            }
        }
        if type == .choice {
            spec.options = readOptions(node["options"], line: node.line)
        }
        return spec
    }

    private mutating func number(_ node: DocumentNode?, type: InputType) -> Double? {
        guard let node, type != .date else { return nil }
        guard let text = node.scalar, let value = Double(text) else {
            fail(node.line, "'\(node.scalar ?? "")' is not a number")
            return nil
        }
        return value
    }

    private mutating func readOptions(_ node: DocumentNode?, line: Int) -> [ChoiceOption] {
        guard let items = node?.sequence, !items.isEmpty else {
            fail(node?.line ?? line, "a choice input needs a non-empty 'options' list")
            return []
        }
        var options: [ChoiceOption] = []
        for item in items {
            if let text = item.scalar {
                options.append(ChoiceOption(value: text, label: text))
                continue
            }
            guard let value = item["value"]?.scalar, let label = item["label"]?.scalar else {
                fail(item.line, "an option needs 'value' and 'label'")
                continue
            }
            let synonyms = item["synonyms"].map { stringList($0, what: "synonyms") } ?? []
            options.append(ChoiceOption(value: value, label: label, synonyms: synonyms))
        }
        return options
    }

    private mutating func readNext(_ node: DocumentNode) -> NextRule? {
        if let target = node.scalar { return .step(target) }
        guard let items = node.sequence else {
            fail(node.line, "'next' must be a step id or a list of {if, goto}")
            return nil
        }
        var branches: [Branch] = []
        for item in items {
            guard let target = item["goto"]?.scalar else {
                fail(item.line, "each 'next' branch needs 'goto: step'")
                continue
            }
            let condition = item["if"].flatMap { readCondition($0) }
            branches.append(Branch(condition: condition, target: target, line: item.line))
        }
        if branches.last?.condition != nil {
            fail(node.line, "the last 'next' branch must be an unconditional 'goto'")
        }
        return .branches(branches)
    }
}
