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
}
