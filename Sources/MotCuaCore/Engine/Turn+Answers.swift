extension Turn {
    mutating func answer(_ question: Question, _ content: InboundContent, step: Step) {
        let reader = AnswerReader(today: today, communes: engine.communes, procedures: engine.procedures)
        switch reader.read(content, for: question.input) {
        case .accepted(let value):
            state.slots[question.slot] = value
            if question.input.type == .procedure { setProcedureSlots(question.slot) }
            recordAnswered(step.id)
            proceed(after: step)
        case .skipped:
            state.slots[question.slot] = nil
            if question.input.type == .procedure { setProcedureSlots(question.slot) }
            recordAnswered(step.id)
            proceed(after: step)
        case .rejected(let reason, let values):
            failedAnswer(question, reason: reason, values: values)
        case .ambiguous(let buttons):
            // Not a failure: the answer fits several options, so only those are offered.
            state.buttons = buttons
            say(messages.text("ambiguous"), buttons: buttons)
        }
    }

    private mutating func recordAnswered(_ stepID: String) {
        state.retries = 0
        state.history.removeAll { $0 == stepID }
        state.history.append(stepID)
    }

    /// Moves on after an accepted answer: back to the summary when the citizen was fixing one answer,
    /// else to the next step.
    private mutating func proceed(after step: Step) {
        if let summary = state.returnToStep {
            state.returnToStep = nil
            enter(summary)
        } else {
            follow(step)
        }
    }

    /// Climbs the retry ladder: an example first, numbered options next, then an official or a pause.
    private mutating func failedAnswer(_ question: Question, reason: String?, values: [String: String]) {
        state.retries += 1
        let settings = engine.settings
        // A step's own error message replaces the general one; a specific reason, such as a date
        // that does not exist, is more helpful and is kept.
        let stepMessage = reason == nil ? question.errorMessage.map { Template.render($0, placeholderValues) } : nil
        var text = stepMessage ?? messages.text(reason ?? "invalid.\(question.input.type.rawValue)", values)
        var buttons = Self.buttons(for: question.input, messages: messages)

        if state.retries >= settings.officialAfterFailures {
            text += "\n" + messages.text("retry.official")
            buttons = [
                ReplyButton(title: messages.text("button.official"), value: Command.buttonValue("gap can bo")),
                ReplyButton(title: messages.text("button.menu"), value: Command.buttonValue("menu")),
            ]
            state.retries = 0
        } else if state.retries >= settings.optionsAfterFailures, !buttons.isEmpty {
            let list = buttons.enumerated().map { "\($0.offset + 1). \($0.element.title)" }.joined(separator: "\n")
            text += "\n" + messages.text("retry.options", ["options": list])
        } else {
            let example = question.example ?? messages.texts["example.\(question.input.type.rawValue)"]
            if let example { text += "\n" + messages.text("retry.example", ["example": example]) }
            text += "\n" + Template.render(question.prompt, placeholderValues)
        }
        state.buttons = buttons
        say(text, buttons: buttons)
    }
}
