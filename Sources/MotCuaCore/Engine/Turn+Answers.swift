extension Turn {
    mutating func answer(_ question: Question, _ content: InboundContent, step: Step) {
        if collectOutOfOrder(question, content) { return }
        if question.input.multiple, question.input.type == .image {
            answerPhotos(question, content, step: step)
            return
        }
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
            // At the menu a citizen often names the procedure instead of picking a number.
            if flow?.id == engine.catalog.menuFlowID, case .text(let text) = content, startNamedFlow(text) { return }
            failedAnswer(question, reason: reason, values: values)
        case .ambiguous(let buttons):
            // Not a failure: the answer fits several options, so only those are offered.
            state.buttons = buttons
            say(messages.text("ambiguous"), buttons: buttons)
        }
    }

    /// Keeps a photo, file or location sent while another question waits, when the question
    /// collects that kind; returns true when the content was kept.
    private mutating func collectOutOfOrder(_ question: Question, _ content: InboundContent) -> Bool {
        switch content {
        case .image(let url, _) where question.input.type != .image:
            guard let slot = question.collect[.image] else { return false }
            let count = appendPhoto(url, to: slot)
            say(messages.text("collect.image", ["count": "\(count)"]))
        case .file(let url, let name) where question.input.type != .file:
            guard let slot = question.collect[.file] else { return false }
            state.slots[slot] = SlotValue(value: url, display: name ?? "1 tệp")
            say(messages.text("collect.file"))
        case .location(let latitude, let longitude) where question.input.type != .location:
            guard let slot = question.collect[.location] else { return false }
            state.slots[slot] = SlotValue(value: "\(latitude),\(longitude)", display: "\(latitude), \(longitude)")
            say(messages.text("collect.location"))
        default:
            return false
        }
        ask(question)
        return true
    }

    /// Appends a photo URL to a slot of newline-separated URLs; returns the photo count.
    private mutating func appendPhoto(_ url: String, to slot: String) -> Int {
        var urls = state.slots[slot].map { $0.value.split(separator: "\n").map(String.init) } ?? []
        urls.append(url)
        state.slots[slot] = SlotValue(value: urls.joined(separator: "\n"), display: "\(urls.count) ảnh")
        return urls.count
    }

    /// A question for several photos: each photo is kept, "xong" moves on.
    private mutating func answerPhotos(_ question: Question, _ content: InboundContent, step: Step) {
        if case .image(let url, _) = content {
            let count = appendPhoto(url, to: question.slot)
            say(messages.text("collect.image", ["count": "\(count)"]) + " " + messages.text("collect.more_photos"))
            return
        }
        var text = ""
        if case .text(let typed) = content { text = typed }
        if case .button(let value) = content { text = value }
        let key = VietnameseText.foldKey(text)
        let finished = ["xong", "xong roi", "het", "du roi", "vay thoi", "het roi"].contains(key)
        let hasPhotos = state.slots[question.slot] != nil
        if (finished && hasPhotos) || (question.input.optional && (AnswerReader.isSkip(text) || finished)) {
            recordAnswered(step.id)
            proceed(after: step)
        } else {
            failedAnswer(question, reason: nil, values: [:])
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
        let buttons = buttons(for: question.input)

        if state.retries >= settings.officialAfterFailures {
            // The question's own buttons stay, so a number typed next still answers the question;
            // the official and the menu are offered as commands to type.
            text += "\n" + messages.text("retry.official")
            state.retries = 0
        } else if state.retries >= settings.optionsAfterFailures, !buttons.isEmpty {
            let list = buttons.enumerated().map { "\($0.offset + 1). \($0.element.title)" }.joined(separator: "\n")
            text += "\n" + messages.text("retry.options", ["options": list])
        } else {
            let example = question.example ?? messages.texts["example.\(question.input.type.rawValue)"]
            let prompt = Template.render(question.prompt, placeholderValues)
            // A prompt that already shows the example is not given it twice.
            if let example, !prompt.contains(example) {
                text += "\n" + messages.text("retry.example", ["example": example])
            }
            text += "\n" + prompt
        }
        state.buttons = buttons
        say(text, buttons: buttons)
    }
}
