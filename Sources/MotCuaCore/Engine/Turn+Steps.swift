import Foundation

extension Turn {
    /// Enters a step: messages are sent and followed, questions and confirmations wait, actions
    /// are handed to the driver, ends close the flow.
    mutating func enter(_ stepID: String) {
        stepsEntered += 1
        guard stepsEntered <= engine.settings.maxStepsPerTurn, let flow, let step = flow.steps[stepID] else {
            clearFlow()
            return
        }
        state.stepID = stepID
        state.buttons = []
        enteredSteps.append(StepReference(flowID: flow.id, stepID: stepID))

        switch step.kind {
        case .message(let text):
            say(Template.render(text, placeholderValues))
            follow(step)
        case .question(let question):
            state.retries = 0
            ask(question)
        case .confirmation(let slots):
            state.retries = 0
            showSummary(slots)
        case .action("handoff"):
            // Needs no I/O: officials see the flag through the admin API.
            state.handoff = true
            follow(step)
        case .action(let name):
            // A dossier filed inside a sub-flow belongs to the flow the citizen started.
            let root = state.callStack.first
            action = ActionRequest(
                name: name, flowID: root?.flowID ?? flow.id, flowVersion: root?.flowVersion ?? flow.version,
                stepID: step.id, slots: state.slots)
        case .startFlow(let target):
            startFlow(target)
        case .startFlowFrom(let slot):
            if let target = linkedFlow(ofProcedureIn: slot) {
                startFlow(target)
            } else {
                follow(step)
            }
        case .callFlow(let target):
            call(target, from: step, in: flow)
        case .end(let text):
            if let text { say(Template.render(text, placeholderValues)) }
            endFlow()
        }
    }

    /// Goes to the step chosen by `next`.
    mutating func follow(_ step: Step) {
        guard let target = nextStep(after: step) else {
            endFlow()
            return
        }
        if let flowID = state.flowID {
            transitions.append(StepTransition(flowID: flowID, from: step.id, to: target))
        }
        enter(target)
    }

    func nextStep(after step: Step) -> String? {
        switch step.next {
        case .step(let target)?:
            return target
        case .branches(let branches)?:
            let evaluator = ConditionEvaluator(slots: state.slots, today: today)
            return branches.first { branch in branch.condition.map(evaluator.holds) ?? true }?.target
        case nil:
            return nil
        }
    }

    /// Enters a sub-flow at its start, remembering where to return.
    private mutating func call(_ target: String, from step: Step, in flow: Flow) {
        guard let subflow = engine.catalog.flow(target) else {
            follow(step)
            return
        }
        state.callStack.append(
            CallFrame(flowID: flow.id, flowVersion: flow.version, stepID: step.id, history: state.history))
        state.flowID = subflow.id
        state.flowVersion = subflow.version
        state.history = []
        enter(subflow.start)
    }

    /// Ends the running flow: a sub-flow returns to its caller, which goes on after its `call`
    /// step; a top-level flow leaves the conversation idle.
    mutating func endFlow() {
        if let frame = state.callStack.popLast() {
            state.flowID = frame.flowID
            state.flowVersion = frame.flowVersion
            state.history = frame.history
            state.stepID = frame.stepID
            if let step = flow?.steps[frame.stepID] {
                follow(step)
                return
            }
        }
        clearFlow()
    }

    /// Leaves every flow; answers are dropped because a filed dossier keeps its own copy.
    mutating func clearFlow() {
        let handoff = state.handoff
        let draft = state.savedDraft
        state = ConversationState()
        state.handoff = handoff
        state.savedDraft = draft
        state.lastActivity = now
    }

    mutating func ask(_ question: Question) {
        let buttons = buttons(for: question.input)
        state.buttons = buttons
        var text = Template.render(question.prompt, placeholderValues)
        if question.input.optional { text += "\n" + messages.text("skip_hint") }
        say(text, buttons: buttons)
    }

    /// The buttons a question shows: its options, yes and no, or the procedures it lists.
    func buttons(for input: InputSpec) -> [ReplyButton] {
        switch input.type {
        case .procedure:
            return input.options.compactMap { option in
                engine.procedures.procedure(code: option.value).map { ReplyButton(title: $0.shortName, value: $0.code) }
            }
        case .choice:
            return input.options.map { ReplyButton(title: $0.label, value: $0.value) }
        case .yesNo:
            return [
                ReplyButton(title: engine.messages.text("button.yes"), value: "co"),
                ReplyButton(title: engine.messages.text("button.no"), value: "khong"),
            ]
        default:
            return []
        }
    }

    /// Sends the current prompt again, for "nhắc lại" and after a pause.
    mutating func repeatPrompt() {
        guard let step = currentStep else { return }
        switch step.kind {
        case .question(let question): ask(question)
        case .confirmation(let slots): showSummary(slots)
        default: break
        }
    }
}

/// Decides `if:` conditions against the answers so far.
struct ConditionEvaluator {
    let slots: [String: SlotValue]
    let today: CivilDate

    func holds(_ condition: Condition) -> Bool {
        condition.tests.allSatisfy(holds)
    }

    private func holds(_ test: Condition.Test) -> Bool {
        let value = slots[test.slot]?.value
        switch test.comparison {
        case .present: return value != nil
        case .absent: return value == nil
        case .equals(let expected): return value.map { fold($0) == fold(expected) } ?? false
        case .notEquals(let expected): return value.map { fold($0) != fold(expected) } ?? true
        case .oneOf(let list): return value.map { v in list.contains { fold($0) == fold(v) } } ?? false
        case .greaterThan(let bound): return number(value).map { $0 > bound } ?? false
        case .lessThan(let bound): return number(value).map { $0 < bound } ?? false
        case .atLeast(let bound): return number(value).map { $0 >= bound } ?? false
        case .atMost(let bound): return number(value).map { $0 <= bound } ?? false
        case .olderThanDays(let days): return date(value).map { today.days(since: $0) > days } ?? false
        case .withinDays(let days): return date(value).map { today.days(since: $0) <= days } ?? false
        case .ageAtLeast(let years): return date(value).map { $0.age(on: today) >= years } ?? false
        case .ageUnder(let years): return date(value).map { $0.age(on: today) < years } ?? false
        }
    }

    private func fold(_ text: String) -> String { VietnameseText.foldKey(text) }

    private func number(_ text: String?) -> Double? { text.flatMap(Double.init) }

    /// Dates are stored as yyyy-mm-dd.
    private func date(_ text: String?) -> CivilDate? {
        guard let parts = text?.split(separator: "-").compactMap({ Int($0) }), parts.count == 3 else { return nil }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])
    }
}
