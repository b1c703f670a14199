extension FlowReader {
    private static let stepKeys: Set<String> = [
        "say", "ask", "input", "save", "label", "error", "example", "confirm", "action", "start_flow",
        "start_flow_from", "call", "end", "next", "collect",
    ]

    mutating func readStep(_ id: String, _ node: DocumentNode) -> Step? {
        guard let pairs = node.mapping else {
            fail(node.line, "bước '\(id)' phải là một mapping")
            return nil
        }
        for (key, value) in pairs where !Self.stepKeys.contains(key) {
            fail(value.line, "bước '\(id)' có khóa không hợp lệ '\(key)'")
        }

        let errorsBefore = errors.count
        let isEnd = node["end"]?.scalar == "true"
        let next = node["next"].flatMap { readNext($0) }
        var kinds: [Step.Kind] = []

        if node["ask"] != nil, let say = node["say"] {
            fail(say.line, "bước '\(id)' có cả 'say' và 'ask'; tách thành một bước 'say' rồi một bước 'ask'")
        }
        if let ask = node["ask"] {
            if let question = readQuestion(id, node, prompt: ask) { kinds.append(.question(question)) }
        } else if let say = node["say"] {
            if let text = say.scalar {
                kinds.append(isEnd ? .end(text) : .message(text))
            } else {
                fail(say.line, "'say' phải là một chuỗi")
            }
        }
        if let confirm = node["confirm"] {
            kinds.append(.confirmation(stringList(confirm, what: "confirm")))
        }
        if let action = node["action"] {
            if let name = action.scalar {
                kinds.append(.action(name))
            } else {
                fail(action.line, "'action' phải là tên một hành động")
            }
        }
        if let target = node["start_flow"] {
            if let flowID = target.scalar {
                kinds.append(.startFlow(flowID))
            } else {
                fail(target.line, "'start_flow' phải là mã một kịch bản")
            }
        }
        if let target = node["start_flow_from"] {
            if let slot = target.scalar, !slot.isEmpty {
                kinds.append(.startFlowFrom(slot))
            } else {
                fail(
                    target.line, "'start_flow_from' phải là tên câu trả lời của một câu hỏi thủ tục (input: procedure)")
            }
        }
        if let target = node["call"] {
            if let flowID = target.scalar {
                kinds.append(.callFlow(flowID))
            } else {
                fail(target.line, "'call' phải là mã một kịch bản")
            }
        }
        if kinds.isEmpty && isEnd { kinds.append(.end(nil)) }

        guard kinds.count == 1, let kind = kinds.first else {
            // A kind that failed to read, such as a question with an unknown input type, was
            // reported above, so the step is not also called empty.
            if kinds.isEmpty, errors.count > errorsBefore { return nil }
            fail(
                node.line,
                kinds.isEmpty
                    ? "bước '\(id)' cần một trong các khóa say, ask, confirm, action, start_flow, start_flow_from, call "
                        + "hoặc end"
                    : "bước '\(id)' gộp nhiều loại bước; hãy tách thành nhiều bước")
            return nil
        }
        if isEnd, next != nil {
            fail(node.line, "bước '\(id)' là bước kết thúc nên không được có 'next'")
        }
        return Step(id: id, kind: kind, next: next, line: node.line)
    }

    private mutating func readQuestion(_ id: String, _ node: DocumentNode, prompt: DocumentNode) -> Question? {
        guard let promptText = prompt.scalar else {
            fail(prompt.line, "'ask' phải là một chuỗi")
            return nil
        }
        guard let slot = node["save"]?.scalar, !slot.isEmpty else {
            fail(node.line, "câu hỏi '\(id)' cần 'save: tên_câu_trả_lời'")
            return nil
        }
        guard let inputNode = node["input"] else {
            fail(node.line, "câu hỏi '\(id)' cần 'input'")
            return nil
        }
        guard let input = readInput(inputNode) else { return nil }
        var question = Question(
            prompt: promptText, input: input, slot: slot, label: node["label"]?.scalar ?? slot,
            errorMessage: node["error"]?.scalar, example: node["example"]?.scalar)
        if let collect = node["collect"] {
            question.collect = readCollect(collect)
        }
        return question
    }

    /// Reads `collect: {image: anh, location: vi_tri}`.
    private mutating func readCollect(_ node: DocumentNode) -> [InputType: String] {
        guard let pairs = node.mapping else {
            fail(node.line, "'collect' phải là mapping loại nội dung → tên câu trả lời, ví dụ {image: anh}")
            return [:]
        }
        var result: [InputType: String] = [:]
        for (kind, slot) in pairs {
            guard let type = InputType(rawValue: kind), [.image, .location, .file].contains(type) else {
                fail(slot.line, "'collect' chỉ nhận image, location hoặc file, không nhận '\(kind)'")
                continue
            }
            guard let name = slot.scalar, !name.isEmpty else {
                fail(slot.line, "'collect.\(kind)' cần tên câu trả lời")
                continue
            }
            result[type] = name
        }
        return result
    }

    private mutating func readInput(_ node: DocumentNode) -> InputSpec? {
        let typeName = node.scalar ?? node["type"]?.scalar
        guard let typeName else {
            fail(node.line, "'input' cần 'type'")
            return nil
        }
        guard let type = InputType(rawValue: typeName) else {
            let known = InputType.allCases.map(\.rawValue).joined(separator: ", ")
            fail(node.line, "kiểu nhập không tồn tại '\(typeName)'; các kiểu có: \(known)")
            return nil
        }
        var spec = InputSpec(type: type)
        guard node.mapping != nil else { return spec }

        let known = ["type", "options", "min", "max", "optional", "after", "before", "landline", "multiple", "whole"]
        for (key, value) in node.mapping ?? [] where !known.contains(key) {
            let listed = known.joined(separator: ", ")
            fail(value.line, "ràng buộc nhập không tồn tại '\(key)'; các ràng buộc có: \(listed)")
        }
        spec.optional = node["optional"]?.scalar == "true"
        spec.allowsLandline = node["landline"]?.scalar == "true"
        spec.multiple = node["multiple"]?.scalar == "true"
        spec.wholeNumber = node["whole"]?.scalar == "true"
        spec.minimum = number(node["min"], type: type)
        spec.maximum = number(node["max"], type: type)
        if type == .date {
            spec.earliestDate = node["min"]?.scalar ?? node["after"]?.scalar
            spec.latestDate = node["max"]?.scalar ?? node["before"]?.scalar
            for bound in [spec.earliestDate, spec.latestDate].compactMap({ $0 })
            where DateBound.parse(bound) == nil {
                fail(node.line, "mốc ngày không hợp lệ '\(bound)'; dùng today, today-60d, today+30d hoặc yyyy-mm-dd")
            }
        }
        if type == .choice {
            spec.options = readOptions(node["options"], line: node.line)
        } else if type == .procedure, node["options"] != nil {
            // Procedure codes offered as a numbered list; the citizen may still type a name.
            spec.options = readOptions(node["options"], line: node.line)
        }
        return spec
    }

    private mutating func number(_ node: DocumentNode?, type: InputType) -> Double? {
        guard let node, type != .date else { return nil }
        guard let text = node.scalar, let value = Double(text) else {
            fail(node.line, "'\(node.scalar ?? "")' không phải là số")
            return nil
        }
        return value
    }

    private mutating func readOptions(_ node: DocumentNode?, line: Int) -> [ChoiceOption] {
        guard let items = node?.sequence, !items.isEmpty else {
            fail(node?.line ?? line, "câu hỏi lựa chọn (choice) cần danh sách 'options' không rỗng")
            return []
        }
        var options: [ChoiceOption] = []
        for item in items {
            if let text = item.scalar {
                options.append(ChoiceOption(value: text, label: text))
                continue
            }
            guard let value = item["value"]?.scalar, let label = item["label"]?.scalar else {
                fail(item.line, "mỗi lựa chọn cần 'value' và 'label'")
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
            fail(node.line, "'next' phải là mã một bước hoặc danh sách {if, goto}")
            return nil
        }
        var branches: [Branch] = []
        for item in items {
            guard let target = item["goto"]?.scalar else {
                fail(item.line, "mỗi nhánh của 'next' cần 'goto: mã_bước'")
                continue
            }
            let condition = item["if"].flatMap { readCondition($0) }
            branches.append(Branch(condition: condition, target: target, line: item.line))
        }
        if branches.last?.condition != nil {
            fail(node.line, "nhánh cuối của 'next' phải là 'goto' không có điều kiện")
        }
        return .branches(branches)
    }
}
