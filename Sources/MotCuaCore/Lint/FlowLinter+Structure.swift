extension FlowLinter {
    /// Duplicate flow ids, the missing main menu, and `procedure:` codes missing from the catalog.
    func crossFileProblems() -> [FlowError] {
        var errors: [FlowError] = []
        for outline in outlines {
            guard let procedures, let code = outline.flow.procedure, procedures.procedure(code: code) == nil else {
                continue
            }
            let line = outline.root["procedure"]?.line ?? outline.idLine
            errors.append(
                outline.error(
                    line, "kịch bản '\(outline.id)' ghi thủ tục '\(code)' nhưng thư mục procedures không có mã này"))
        }
        for outline in outlines {
            guard let procedures else { break }
            for step in outline.steps {
                guard let question = step.question, question.input.type == .procedure else { continue }
                for option in question.input.options where procedures.procedure(code: option.value) == nil {
                    errors.append(
                        outline.error(
                            step.line,
                            "câu hỏi '\(step.id)' liệt kê thủ tục '\(option.value)' nhưng thư mục procedures không có mã này"
                        ))
                }
            }
        }
        for outline in outlines {
            guard let first = flowsByID[outline.id], first.source != outline.source else { continue }
            errors.append(outline.error(outline.idLine, "mã kịch bản '\(outline.id)' đã dùng trong \(first.source)"))
        }
        if let first = outlines.first, flowsByID[Self.menuFlowID] == nil {
            errors.append(
                first.error(1, "không kịch bản nào có id '\(Self.menuFlowID)'; menu chính cần một kịch bản như vậy"))
        }
        return errors
    }

    /// Problems each step shows on its own, which hold even when other steps of the file failed to
    /// read: unknown flows and actions, and choice options with the same value.
    func stepProblems(in outline: FlowOutline) -> [FlowError] {
        var errors: [FlowError] = []
        for step in outline.steps {
            if let target = step.flowTarget, flowsByID[target.value] == nil {
                let verb = if case .callFlow = step.step.kind { "gọi" } else { "chuyển sang" }
                errors.append(
                    outline.error(target.line, "bước '\(step.id)' \(verb) kịch bản không tồn tại '\(target.value)'"))
            }
            if let action = step.action, BuiltInAction.named(action.value) == nil {
                let known = BuiltInAction.all.map(\.name).joined(separator: ", ")
                errors.append(
                    outline.error(
                        action.line,
                        "bước '\(step.id)' dùng hành động không tồn tại '\(action.value)'; các hành động có: \(known)"))
            }
            if step.question?.input.type == .procedure, procedures?.isEmpty ?? true {
                errors.append(
                    outline.error(
                        step.line, "câu hỏi '\(step.id)' hỏi thủ tục nhưng thư mục procedures không có thủ tục nào"))
            }
            var values: Set<String> = []
            for option in step.optionValues where !values.insert(VietnameseText.foldKey(option.value)).inserted {
                errors.append(
                    outline.error(option.line, "câu hỏi '\(step.id)' có hai lựa chọn cùng giá trị '\(option.value)'"))
            }
        }
        return errors
    }

    /// Steps no path reaches, and flows that can never finish.
    func pathProblems(in outline: FlowOutline) -> [FlowError] {
        var errors: [FlowError] = []
        let reachable = outline.reachableSteps()
        for step in outline.steps where !reachable.contains(step.id) {
            errors.append(
                outline.error(step.line, "bước '\(step.id)' không tới được từ bước đầu '\(outline.flow.start)'"))
        }

        let finishes = outline.steps.contains { step in
            guard reachable.contains(step.id) else { return false }
            switch step.step.kind {
            case .end, .startFlow, .startFlowFrom: return true
            default: return false
            }
        }
        if !finishes, outline.stepsByID[outline.flow.start] != nil {
            errors.append(
                outline.error(
                    outline.startLine,
                    "kịch bản '\(outline.id)' không bao giờ kết thúc: từ bước đầu '\(outline.flow.start)' "
                        + "không tới được bước nào có 'end: true', 'start_flow' hay 'start_flow_from'"))
        }
        return errors
    }
}
