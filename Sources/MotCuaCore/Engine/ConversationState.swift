import Foundation

/// An answer kept in a conversation: `value` is canonical (dates as yyyy-mm-dd, phone numbers in
/// national form, the option value of a choice), `display` is what the citizen is shown.
public struct SlotValue: Sendable, Equatable, Codable {
    public var value: String
    public var display: String

    public init(value: String, display: String) {
        self.value = value
        self.display = display
    }
}

/// The return point of a sub-flow: the calling flow at the version it runs, and its `call` step.
public struct CallFrame: Sendable, Equatable, Codable {
    public var flowID: String
    public var flowVersion: String
    public var stepID: String
    /// The caller's answered questions, restored on return for "quay lại".
    public var history: [String]
}

/// A form put aside when the citizen went to the menu, so that it can be taken up again.
public struct DraftSnapshot: Sendable, Equatable, Codable {
    /// The flow the citizen started; choosing it again offers the draft.
    public var rootFlowID: String
    /// The flow running when the draft was put aside, a sub-flow or the root flow itself.
    public var flowID: String
    public var flowVersion: String?
    public var stepID: String?
    public var slots: [String: SlotValue]
    public var history: [String]
    public var callStack: [CallFrame]
}

/// Everything the engine remembers about one conversation between events.
public struct ConversationState: Sendable, Equatable, Codable {
    public var flowID: String?
    /// The version of the flow the conversation started with.
    public var flowVersion: String?
    public var stepID: String?
    public var slots: [String: SlotValue] = [:]
    /// Bad answers in a row to the current step.
    public var retries: Int = 0
    /// Question steps answered, most recent last, for "quay lại".
    public var history: [String] = []
    /// Set while the citizen fixes one answer from a confirmation summary; the confirmation step
    /// to return to.
    public var returnToStep: String?
    /// True after the citizen asked to fix an answer and before they chose which one.
    public var choosingFix: Bool = false
    /// The buttons of the last prompt; a bare number answers with the matching button.
    public var buttons: [ReplyButton] = []
    /// An official handles the conversation; the bot answers commands only.
    public var handoff: Bool = false
    /// True while the citizen, back after a pause, is asked to continue the draft or start over.
    public var askingResume: Bool = false
    /// Callers of the running sub-flow, innermost last.
    public var callStack: [CallFrame] = []
    /// The form left for the menu; starting its flow again offers to continue it.
    public var savedDraft: DraftSnapshot?
    public var lastActivity: Date?

    public init() {}

    public var isInFlow: Bool { flowID != nil && stepID != nil }
}
