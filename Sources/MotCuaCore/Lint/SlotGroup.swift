/// What the flows that share answers know about them. A flow shares its answers with the flows it
/// calls as sub-flows and with the flows that call it, transitively, because a `call` keeps the
/// conversation's answers.
struct SlotGroup {
    var savedSlots: Set<String> = []
    /// Saved slots and the results of the actions the flows run, such as `ma_ho_so`.
    var knownNames: Set<String> = []
    /// Slots named by an `if`, a `{{placeholder}}` or a `confirm` list.
    var usedSlots: Set<String> = []
    /// The values a slot can hold, for slots saved only by choice and yes/no questions.
    var choiceValues: [String: [String]] = [:]
    /// Slots saved by at least one question whose answers are not a fixed list.
    var freeSlots: Set<String> = []
    /// Slots saved by `procedure` questions; their derived slots (`ProcedureSlots`) are known names.
    var procedureSlots: Set<String> = []

    /// Returns the group of every flow id, built by joining flows along `call` steps.
    static func groups(of outlines: [FlowOutline], flowsByID: [String: FlowOutline]) -> [String: SlotGroup] {
        var representative: [String: String] = [:]
        func root(_ id: String) -> String {
            var current = id
            while let parent = representative[current], parent != current { current = parent }
            return current
        }
        for outline in flowsByID.values { representative[outline.id] = outline.id }
        for outline in flowsByID.values {
            for step in outline.steps {
                guard case .callFlow(let target) = step.step.kind, flowsByID[target] != nil else { continue }
                representative[root(target)] = root(outline.id)
            }
        }

        // Flows join their group in id order, so that listed choice values come out the same way
        // on every run.
        var byRoot: [String: SlotGroup] = [:]
        for outline in flowsByID.values.sorted(by: { $0.id < $1.id }) {
            byRoot[root(outline.id), default: SlotGroup()].add(outline)
        }
        var result: [String: SlotGroup] = [:]
        for id in flowsByID.keys { result[id] = byRoot[root(id)] }
        return result
    }

    private mutating func add(_ outline: FlowOutline) {
        for step in outline.steps {
            if let question = step.question {
                savedSlots.insert(question.slot)
                knownNames.insert(question.slot)
                savedSlots.formUnion(question.collect.values)
                knownNames.formUnion(question.collect.values)
                addValues(of: question)
                if question.input.type == .procedure {
                    procedureSlots.insert(question.slot)
                    knownNames.formUnion(ProcedureSlots.names(for: question.slot))
                }
            }
            if let slot = step.procedureSlot {
                usedSlots.insert(slot.value)
            }
            if let action = step.action, let builtIn = BuiltInAction.named(action.value) {
                knownNames.formUnion(builtIn.results)
            }
            usedSlots.formUnion(step.conditionTests.map(\.slot))
            usedSlots.formUnion(step.confirmedSlots.map(\.value))
            for (_, text) in step.texts {
                usedSlots.formUnion(Template.placeholders(in: text.value))
            }
        }
    }

    private mutating func addValues(of question: Question) {
        let values: [String]
        switch question.input.type {
        case .choice: values = question.input.options.map(\.value)
        // The engine stores a yes/no answer as "yes" or "no".
        case .yesNo: values = ["yes", "no"]
        default:
            freeSlots.insert(question.slot)
            return
        }
        var known = choiceValues[question.slot] ?? []
        for value in values
        where !known.contains(where: { VietnameseText.foldKey($0) == VietnameseText.foldKey(value) }) {
            known.append(value)
        }
        choiceValues[question.slot] = known
    }

    /// The values a condition on `slot` can match, or nil when the slot takes free answers.
    func fixedValues(of slot: String) -> [String]? {
        freeSlots.contains(slot) ? nil : choiceValues[slot]
    }
}
