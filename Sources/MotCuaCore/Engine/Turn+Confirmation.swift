extension Turn {
    /// Shows the numbered summary of answers with "confirm" and "fix" buttons.
    mutating func showSummary(_ slots: [String]) {
        let lines = summaryItems(slots).enumerated().map { index, item in
            "\(index + 1). \(item.label): \(item.display)"
        }
        let buttons = [
            ReplyButton(title: messages.text("button.confirm"), value: "co"),
            ReplyButton(title: messages.text("button.fix"), value: "sua"),
        ]
        state.buttons = buttons
        say(messages.text("confirm.prompt", ["summary": lines.joined(separator: "\n")]), buttons: buttons)
    }

    /// The summary entries: each slot with its question's label and the answer shown.
    func summaryItems(_ slots: [String]) -> [(slot: String, label: String, display: String, stepID: String?)] {
        slots.map { slot in
            let step = flow?.stepOrder.compactMap { flow?.steps[$0] }.first { $0.savedSlot == slot }
            var label = slot
            if case .question(let question)? = (step ?? questionInOtherFlows(saving: slot))?.kind {
                label = question.label
            } else if let shared = messages.texts["label.\(slot)"] {
                // A slot filled by `collect` has no question; messages may name it.
                label = shared
            }
            return (slot, label, state.slots[slot]?.display ?? "—", step?.id)
        }
    }

    /// The question of another flow, such as a sub-flow, that saves `slot`; used for its label.
    /// NOTE: answers saved by a sub-flow are shown in the summary but cannot be fixed from it.
    private func questionInOtherFlows(saving slot: String) -> Step? {
        for flow in engine.catalog.flows.values.sorted(by: { $0.id < $1.id }) {
            for stepID in flow.stepOrder where flow.steps[stepID]?.savedSlot == slot {
                return flow.steps[stepID]
            }
        }
        return nil
    }

    mutating func confirm(_ content: InboundContent, slots: [String], step: Step) {
        let text: String
        switch content {
        case .text(let typed): text = typed
        case .button(let value): text = value
        default:
            say(messages.text("confirm.invalid"))
            showSummary(slots)
            return
        }

        if let number = Self.fixNumber(in: text) {
            startFix(number, slots: slots, summary: step.id)
            return
        }
        if VietnameseText.foldKey(text) == "sua" {
            askWhichFix(slots)
            return
        }
        switch YesNoInput.parse(text) {
        case true?:
            follow(step)
        case false?:
            askWhichFix(slots)
        case nil:
            say(messages.text("confirm.invalid"))
            showSummary(slots)
        }
    }

    private mutating func askWhichFix(_ slots: [String]) {
        state.choosingFix = true
        let buttons = summaryItems(slots).enumerated().map { index, item in
            ReplyButton(title: item.label, value: "sua \(index + 1)")
        }
        state.buttons = buttons
        say(messages.text("confirm.choose_fix"), buttons: buttons)
    }

    mutating func chooseFix(_ content: InboundContent, in step: Step) {
        guard case .confirmation(let slots) = step.kind else {
            state.choosingFix = false
            return
        }
        var typed = ""
        if case .text(let text) = content { typed = text }
        if case .button(let value) = content { typed = value }
        let number = Self.fixNumber(in: typed) ?? Int(VietnameseText.foldKey(typed))
        guard let number else {
            say(messages.text("confirm.invalid"))
            askWhichFix(slots)
            return
        }
        state.choosingFix = false
        startFix(number, slots: slots, summary: step.id)
    }

    /// Reads "sửa 2", "sua muc 2", "sửa số 2".
    static func fixNumber(in text: String) -> Int? {
        let words = VietnameseText.foldKey(text).split(separator: " ")
        guard words.first == "sua", let last = words.last, let number = Int(last) else { return nil }
        return number
    }

    private mutating func startFix(_ number: Int, slots: [String], summary: String) {
        let items = summaryItems(slots)
        guard items.indices.contains(number - 1), let target = items[number - 1].stepID else {
            say(messages.text("confirm.invalid"))
            showSummary(slots)
            return
        }
        state.choosingFix = false
        state.returnToStep = summary
        enter(target)
    }
}
