/// A guided procedure loaded from one flow file: steps keyed by id, entered at `start`.
public struct Flow: Sendable, Equatable {
    public var id: String
    public var title: String
    public var keywords: [String]
    /// The catalog code of the procedure this flow files, if any.
    public var procedure: String?
    public var start: String
    public var steps: [String: Step]
    /// Step ids in file order, for lint output and summaries.
    public var stepOrder: [String]
    /// A digest of the file's content; a conversation keeps the version it started with.
    public var version: String
    /// The file the flow came from, for error messages.
    public var source: String

    public init(
        id: String, title: String, keywords: [String], procedure: String?, start: String, steps: [String: Step],
        stepOrder: [String], version: String, source: String
    ) {
        self.id = id
        self.title = title
        self.keywords = keywords
        self.procedure = procedure
        self.start = start
        self.steps = steps
        self.stepOrder = stepOrder
        self.version = version
        self.source = source
    }
}

/// One step of a flow. Exactly one of `say`, `ask`, `confirm`, `action`, `start_flow`, `start_flow_from` or
/// `call` is its kind;
/// `say` may be combined with `end`.
public struct Step: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case message(String)
        case question(Question)
        /// A summary of these slots; the citizen confirms or fixes one by its number.
        case confirmation([String])
        case action(String)
        /// Leaves this flow and enters another one at its start.
        case startFlow(String)
        /// Leaves this flow for the guided flow of the procedure whose code is in this slot, like
        /// `startFlow`. When that procedure has no flow, goes on at `next`, or ends without one.
        case startFlowFrom(String)
        /// Runs another flow as a sub-flow; when it ends, this flow goes on at `next`. Answers are
        /// shared, so the caller sees what the sub-flow collected.
        case callFlow(String)
        /// Ends the flow, with an optional closing text.
        case end(String?)
    }

    public var id: String
    public var kind: Kind
    public var next: NextRule?
    public var line: Int

    public init(id: String, kind: Kind, next: NextRule?, line: Int) {
        self.id = id
        self.kind = kind
        self.next = next
        self.line = line
    }

    /// The slot this step fills, if it is a question.
    public var savedSlot: String? {
        if case .question(let question) = kind { return question.slot }
        return nil
    }
}

/// A question: the prompt, how to read the answer and where to keep it.
public struct Question: Sendable, Equatable {
    public var prompt: String
    public var input: InputSpec
    public var slot: String
    /// The slot's name in the confirmation summary; defaults to the slot name.
    public var label: String
    /// Overrides the shared error message for a bad answer.
    public var errorMessage: String?
    /// Shown after a first bad answer, e.g. "05/03/2025".
    public var example: String?
    /// Content accepted out of order while this question waits: a photo or a location goes to
    /// the named slot, so a citizen may send them in any order.
    public var collect: [InputType: String] = [:]

    public init(
        prompt: String, input: InputSpec, slot: String, label: String, errorMessage: String? = nil,
        example: String? = nil
    ) {
        self.prompt = prompt
        self.input = input
        self.slot = slot
        self.label = label
        self.errorMessage = errorMessage
        self.example = example
    }
}

/// The step after this one: a fixed step id, or the first branch whose condition holds.
public enum NextRule: Sendable, Equatable {
    case step(String)
    case branches([Branch])
}

public struct Branch: Sendable, Equatable {
    /// nil for the final unconditional branch.
    public var condition: Condition?
    public var target: String
    public var line: Int

    public init(condition: Condition?, target: String, line: Int) {
        self.condition = condition
        self.target = target
        self.line = line
    }
}

/// Tests on answers; all of `tests` must hold.
public struct Condition: Sendable, Equatable {
    public struct Test: Sendable, Equatable {
        public var slot: String
        public var comparison: Comparison
    }

    public enum Comparison: Sendable, Equatable {
        case equals(String)
        case notEquals(String)
        case oneOf([String])
        case present
        case absent
        case greaterThan(Double)
        case lessThan(Double)
        case atLeast(Double)
        case atMost(Double)
        /// The date answer lies more than this many days before today.
        case olderThanDays(Int)
        case withinDays(Int)
        /// The age in whole years on today's date, for a date answer.
        case ageAtLeast(Int)
        case ageUnder(Int)
    }

    public var tests: [Test]
}
