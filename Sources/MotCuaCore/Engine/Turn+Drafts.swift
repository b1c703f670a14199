import Foundation

extension Turn {
    /// Handles a citizen who returns to a half-filled form after a pause. Returns true when the
    /// event was used up by asking whether to continue; commands always run.
    mutating func resumeDraftIfIdle(since previous: Date?, content: InboundContent) -> Bool {
        if let previous, let draft = state.savedDraft,
            now.timeIntervalSince(previous) > engine.settings.draftLifetime
        {
            state.savedDraft = nil
            let title = engine.catalog.flow(draft.rootFlowID)?.title ?? draft.rootFlowID
            say(messages.text("draft.expired", ["title": title]))
        }
        guard state.isInFlow, !state.handoff, !state.askingResume, let previous, let flow else { return false }
        switch content {
        case .follow, .unfollow, .submittedInfo: return false
        default: break
        }
        let idle = now.timeIntervalSince(previous)
        // Inside a sub-flow the citizen knows the form by the flow they started.
        let rootFlow = state.callStack.first.flatMap { engine.catalog.flow($0.flowID, version: $0.flowVersion) } ?? flow

        if idle > engine.settings.draftLifetime {
            clearFlow()
            say(messages.text("draft.expired", ["title": rootFlow.title]))
            return false
        }
        guard idle > engine.settings.resumeAfter else { return false }
        if case .text(let text) = content, Command.parse(text) != nil { return false }
        if case .button(let value) = content, Command.parse(buttonValue: value) != nil { return false }

        askResume(title: rootFlow.title)
        return true
    }

    mutating func askResume(title: String) {
        state.askingResume = true
        let buttons = [
            ReplyButton(title: messages.text("button.resume"), value: "tiep-tuc"),
            ReplyButton(title: messages.text("button.restart"), value: "lam-lai"),
        ]
        state.buttons = buttons
        say(messages.text("draft.resume", ["title": title]), buttons: buttons)
    }

    mutating func answerResume(_ content: InboundContent) {
        var text = ""
        if case .text(let typed) = content { text = typed }
        if case .button(let value) = content { text = value }
        let key = VietnameseText.foldKey(text)

        let continues = ["tiep tuc", "lam tiep", "tiep"].contains(key) || YesNoInput.parse(text) == true
        let restarts = ["lam lai", "lam lai tu dau", "bat dau lai"].contains(key) || YesNoInput.parse(text) == false
        if continues {
            state.askingResume = false
            repeatPrompt()
        } else if restarts, let flowID = state.callStack.first?.flowID ?? state.flowID {
            // Inside a sub-flow, starting over means the flow the citizen started.
            startFlow(flowID)
        } else {
            let rootFlow = state.callStack.first.flatMap { engine.catalog.flow($0.flowID, version: $0.flowVersion) }
            askResume(title: (rootFlow ?? flow)?.title ?? "")
        }
    }
}
