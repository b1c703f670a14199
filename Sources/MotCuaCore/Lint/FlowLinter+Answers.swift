extension FlowLinter {
    /// Answers never used, and placeholders, conditions and confirm lists naming no answer.
    func answerProblems(in outline: FlowOutline) -> [FlowError] {
        guard let group = groups[outline.id] else { return [] }
        var errors: [FlowError] = []
        let reachable = outline.reachableSteps()

        for step in outline.steps {
            if let question = step.question, reachable.contains(step.id),
                !isUsed(question.slot, savedAt: step, in: outline, group: group)
            {
                errors.append(
                    outline.error(
                        step.saveLine,
                        "câu hỏi '\(step.id)' lưu '\(question.slot)' nhưng không nơi nào dùng câu trả lời này "
                            + "(if, {{\(question.slot)}}, confirm hay hành động nộp hồ sơ)"))
            }
            for (_, text) in step.texts {
                for name in Template.placeholders(in: text.value) where !group.knownNames.contains(name) {
                    errors.append(
                        outline.error(
                            text.line,
                            "bước '\(step.id)' dùng {{\(name)}} nhưng không câu hỏi hay hành động nào lưu '\(name)'"))
                }
            }
            for test in step.conditionTests where !group.knownNames.contains(test.slot) {
                errors.append(
                    outline.error(
                        test.line,
                        "bước '\(step.id)' có điều kiện trên '\(test.slot)' nhưng không câu hỏi hay hành động nào lưu "
                            + "'\(test.slot)'"
                    ))
            }
            if let slot = step.procedureSlot, !group.procedureSlots.contains(slot.value) {
                errors.append(
                    outline.error(
                        slot.line,
                        "bước '\(step.id)' dùng start_flow_from '\(slot.value)' nhưng không câu hỏi thủ tục "
                            + "(input: procedure) nào lưu '\(slot.value)'"))
            }
            for slot in step.confirmedSlots where !group.savedSlots.contains(slot.value) {
                errors.append(
                    outline.error(
                        slot.line,
                        "bước '\(step.id)' xác nhận '\(slot.value)' nhưng không câu hỏi nào lưu '\(slot.value)'"))
            }
        }
        return errors
    }

    /// Returns true when the flows sharing the answer name it in an `if`, a placeholder or a `confirm`
    /// list, or when an action that files every answer can run after the question.
    private func isUsed(_ slot: String, savedAt step: StepOutline, in outline: FlowOutline, group: SlotGroup) -> Bool {
        if group.usedSlots.contains(slot) { return true }
        // A procedure answer is used when one of its derived slots is, such as {{thu_tuc_giay_to}}.
        if group.procedureSlots.contains(slot),
            ProcedureSlots.names(for: slot).contains(where: group.usedSlots.contains)
        {
            return true
        }
        let node = StepGraph.Node(flowID: outline.id, stepID: step.id)
        return graph.anyStep(after: node) { next in
            next.action.flatMap { BuiltInAction.named($0.value) }?.consumesAnswers ?? false
        }
    }

    /// Conditions comparing a choice or yes/no answer with a value none of its options has, so
    /// that the branch can never be taken.
    func conditionValueProblems(in outline: FlowOutline) -> [FlowError] {
        guard let group = groups[outline.id] else { return [] }
        var errors: [FlowError] = []
        for step in outline.steps {
            for test in step.conditionTests {
                guard let allowed = group.fixedValues(of: test.slot) else { continue }
                let folded = Set(allowed.map(VietnameseText.foldKey))
                for value in test.values where !folded.contains(VietnameseText.foldKey(value.value)) {
                    errors.append(
                        outline.error(
                            value.line,
                            "bước '\(step.id)' so sánh '\(test.slot)' với '\(value.value)', nhưng câu trả lời "
                                + "chỉ có thể là: \(allowed.joined(separator: ", "))"))
                }
            }
        }
        return errors
    }
}
