/// A built-in action the driver must perform before the flow goes on, such as `submit_dossier`.
public struct ActionRequest: Sendable, Equatable {
    public var name: String
    public var flowID: String
    public var flowVersion: String
    public var stepID: String
    public var slots: [String: SlotValue]
}

/// What one engine call decided: the new state, replies to send in order, and an action to
/// perform. When `action` is set the driver performs it and calls `actionCompleted`.
public struct EngineResult: Sendable, Equatable {
    public var state: ConversationState
    public var replies: [OutboundMessage]
    public var action: ActionRequest?
    /// Steps entered during the call, in order. The engine never reads it back; it lets tools such
    /// as the replay's coverage report see steps that do not wait for the citizen.
    public var enteredSteps: [StepReference] = []
    /// Each `next` rule followed during the call, in order.
    public var transitions: [StepTransition] = []
}

/// A step of a flow, named by both ids.
public struct StepReference: Sendable, Hashable {
    public var flowID: String
    public var stepID: String

    public init(flowID: String, stepID: String) {
        self.flowID = flowID
        self.stepID = stepID
    }
}

/// A `next` rule followed from `from` to `to` within one flow.
public struct StepTransition: Sendable, Hashable {
    public var flowID: String
    public var from: String
    public var to: String

    public init(flowID: String, from: String, to: String) {
        self.flowID = flowID
        self.from = from
        self.to = to
    }
}
