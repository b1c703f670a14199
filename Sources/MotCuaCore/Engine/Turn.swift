import Foundation

/// The work of one engine call: a mutable copy of the state and the replies so far.
struct Turn {
    let engine: ConversationEngine
    var state: ConversationState
    let now: Date
    var replies: [OutboundMessage] = []
    var action: ActionRequest?
    var stepsEntered = 0
    var enteredSteps: [StepReference] = []
    var transitions: [StepTransition] = []

    init(engine: ConversationEngine, state: ConversationState, now: Date) {
        self.engine = engine
        self.state = state
        self.now = now
    }

    var result: EngineResult {
        EngineResult(
            state: state, replies: replies, action: action, enteredSteps: enteredSteps, transitions: transitions)
    }
    var messages: MessageCatalog { engine.messages }
    var today: CivilDate { CivilDate(now, timeZone: engine.settings.timeZone) }

    var flow: Flow? {
        state.flowID.flatMap { engine.catalog.flow($0, version: state.flowVersion) }
    }

    var currentStep: Step? {
        state.stepID.flatMap { flow?.steps[$0] }
    }

    /// Slot display values for placeholders.
    var placeholderValues: [String: String] {
        state.slots.mapValues(\.display)
    }

    mutating func say(_ text: String, buttons: [ReplyButton] = []) {
        replies.append(OutboundMessage(text: text, buttons: buttons))
    }

    mutating func handle(_ content: InboundContent) {
        switch content {
        case .follow:
            state = ConversationState()
            state.lastActivity = now
            startFlow(engine.catalog.menuFlowID)
        case .unfollow:
            state.handoff = false
        case .sticker, .unsupported:
            guard !state.handoff else { return }
            say(messages.text("unsupported_content"))
            repeatPrompt()
        case .text(let text):
            handleText(text)
        case .button(let value):
            if let command = Command.parse(buttonValue: value) {
                run(command)
            } else if !state.handoff {
                handleAnswer(.button(value))
            }
        case .image, .file, .location, .submittedInfo:
            guard !state.handoff else { return }
            handleAnswer(content)
        }
    }

    private mutating func handleText(_ text: String) {
        if let command = Command.parse(text) {
            run(command)
            return
        }
        guard !state.handoff else { return }
        if let value = buttonValue(for: text) {
            handle(.button(value))
            return
        }
        handleAnswer(.text(text))
    }

    /// Returns the value of the button that a bare number or a button's exact title selects.
    private func buttonValue(for text: String) -> String? {
        let key = VietnameseText.foldKey(text)
        if let number = Int(key), state.buttons.indices.contains(number - 1) {
            return state.buttons[number - 1].value
        }
        return state.buttons.first { VietnameseText.foldKey($0.title) == key }?.value
    }

    mutating func handleAnswer(_ content: InboundContent) {
        guard state.isInFlow, let step = currentStep else {
            startFromFreeText(content)
            return
        }
        if state.askingResume {
            answerResume(content)
            return
        }
        if state.choosingFix {
            chooseFix(content, in: step)
            return
        }
        switch step.kind {
        case .question(let question):
            answer(question, content, step: step)
        case .confirmation(let slots):
            confirm(content, slots: slots, step: step)
        default:
            // Only questions and confirmations wait for the citizen; anything else means the
            // state was saved mid-turn, so the flow resumes from this step.
            enter(step.id)
        }
    }

    /// Outside any flow: a text that names a procedure starts it; anything else shows the menu.
    private mutating func startFromFreeText(_ content: InboundContent) {
        guard case .text(let text) = content, startNamedFlow(text) else {
            startFlow(engine.catalog.menuFlowID)
            return
        }
    }

    /// Starts the flow whose keywords the text names, or the procedure finder when the text names
    /// a procedure; returns false when it names neither.
    mutating func startNamedFlow(_ text: String) -> Bool {
        if let flow = engine.catalog.flow(matching: text), flow.id != engine.catalog.menuFlowID {
            startFlow(flow.id)
            return true
        }
        if !engine.procedures.isEmpty, engine.procedures.search(text) != .none,
            engine.catalog.flow(engine.settings.procedureFinderFlowID) != nil
        {
            findProcedure(text)
            return true
        }
        return false
    }

    /// Starts the procedure finder and answers its question with the citizen's own words, so that
    /// "khai sinhh" or "giay khai sanh" lead to the procedure despite the typos.
    private mutating func findProcedure(_ text: String) {
        let before = replies.count
        startFlow(engine.settings.procedureFinderFlowID)
        guard case .question(let question)? = currentStep?.kind, question.input.type == .procedure else { return }
        // The finder's question is answered at once, so it is not sent.
        if replies.count > before { replies.removeLast() }
        handleAnswer(.text(text))
    }

    mutating func startFlow(_ flowID: String) {
        guard let flow = engine.catalog.flow(flowID) else {
            say(messages.text("command.cancelled"))
            state = ConversationState()
            return
        }
        if let draft = state.savedDraft, draft.rootFlowID == flow.id {
            restore(draft)
            return
        }
        let handoff = state.handoff
        let draft = state.savedDraft
        state = ConversationState()
        state.handoff = handoff
        state.savedDraft = draft
        state.lastActivity = now
        state.flowID = flow.id
        state.flowVersion = flow.version
        enter(flow.start)
    }

    /// Puts the form in progress aside before the menu, unless the menu itself is running.
    mutating func putDraftAside() {
        guard state.isInFlow, let flowID = state.flowID, let rootFlowID = state.callStack.first?.flowID ?? state.flowID,
            rootFlowID != engine.catalog.menuFlowID
        else { return }
        state.savedDraft = DraftSnapshot(
            rootFlowID: rootFlowID, flowID: flowID, flowVersion: state.flowVersion, stepID: state.stepID,
            slots: state.slots, history: state.history, callStack: state.callStack)
    }

    /// Takes a put-aside form up again and asks whether to continue it or start over.
    private mutating func restore(_ draft: DraftSnapshot) {
        let handoff = state.handoff
        state = ConversationState()
        state.handoff = handoff
        state.lastActivity = now
        state.flowID = draft.flowID
        state.flowVersion = draft.flowVersion
        state.stepID = draft.stepID
        state.slots = draft.slots
        state.history = draft.history
        state.callStack = draft.callStack
        let root = engine.catalog.flow(
            draft.rootFlowID, version: draft.callStack.first?.flowVersion ?? draft.flowVersion)
        askResume(title: root?.title ?? draft.rootFlowID)
    }
}
