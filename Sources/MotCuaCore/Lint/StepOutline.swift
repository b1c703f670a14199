/// The parts of one step that the linter checks, each with the line it came from.
struct StepOutline {
    /// A value from the flow file with its 1-based line.
    struct Located {
        var value: String
        var line: Int
    }

    /// One test of an `if:` condition. `values` contains the operands that an answer is compared
    /// with (`equals`, `not`, `one_of` and the bare form); other tests compare with nothing.
    struct ConditionTest {
        var slot: String
        var values: [Located]
        var line: Int
    }

    var step: Step
    /// Texts shown to the citizen, keyed by the step key that contains them (`say`, `ask`, `error`).
    var texts: [(key: String, value: Located)]
    var conditionTests: [ConditionTest]
    var confirmedSlots: [Located]
    var action: Located?
    /// The flow named by `start_flow` or `call`.
    var flowTarget: Located?
    /// The slot named by `start_flow_from`.
    var procedureSlot: Located?
    var saveLine: Int
    var optionValues: [Located]

    var id: String { step.id }
    var line: Int { step.line }

    init(step: Step, node: DocumentNode?) {
        self.step = step
        let node = node ?? DocumentNode(.mapping([]), line: step.line)

        texts = ["say", "ask", "error"].compactMap { key in
            guard let text = node[key], let value = text.scalar else { return nil }
            return (key, Located(value: value, line: text.line))
        }
        conditionTests = (node["next"]?.sequence ?? []).flatMap { branch in
            (branch["if"]?.mapping ?? []).map { Self.conditionTest(slot: $0.key, node: $0.value) }
        }
        confirmedSlots = Self.scalars(node["confirm"])
        action = node["action"].flatMap(Self.located)
        flowTarget = (node["start_flow"] ?? node["call"]).flatMap(Self.located)
        procedureSlot = node["start_flow_from"].flatMap(Self.located)
        saveLine = node["save"]?.line ?? step.line
        optionValues = (node["input"]?["options"]?.sequence ?? []).compactMap { option in
            Self.located(option) ?? option["value"].flatMap(Self.located)
        }
    }

    /// The steps that may follow this one inside its flow. A `call` goes on at its `next` once the
    /// sub-flow ends; `start_flow` and `end` leave the flow, and `start_flow_from` goes on at its
    /// `next` when the procedure has no flow.
    var successors: [String] {
        switch step.kind {
        case .end, .startFlow:
            return []
        default:
            switch step.next {
            case .step(let target)?: return [target]
            case .branches(let branches)?: return branches.map(\.target)
            case nil: return []
            }
        }
    }

    var question: Question? {
        if case .question(let question) = step.kind { return question }
        return nil
    }

    private static func conditionTest(slot: String, node: DocumentNode) -> ConditionTest {
        if let value = located(node) {
            return ConditionTest(slot: slot, values: [value], line: node.line)
        }
        var values: [Located] = []
        for (test, operand) in node.mapping ?? [] where ["equals", "not", "one_of"].contains(test) {
            values += scalars(operand)
        }
        return ConditionTest(slot: slot, values: values, line: node.line)
    }

    private static func located(_ node: DocumentNode) -> Located? {
        node.scalar.map { Located(value: $0, line: node.line) }
    }

    /// Returns the texts of a scalar or of a list of scalars, with their lines.
    private static func scalars(_ node: DocumentNode?) -> [Located] {
        guard let node else { return [] }
        if let single = located(node) { return [single] }
        return (node.sequence ?? []).compactMap(located)
    }
}
