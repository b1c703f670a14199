import Foundation

/// The conversation state machine: given a state, what the citizen sent and the time, it returns
/// the next state and the replies. It performs no I/O and reads no clock.
public struct ConversationEngine: Sendable {
    public var catalog: FlowCatalog
    public var messages: MessageCatalog
    public var settings: EngineSettings
    /// Communes and wards that `commune` questions accept; without it the answer is free text.
    public var communes: CommuneDirectory?
    /// Procedures that `procedure` questions and `start_flow_from` steps look up; when it is empty,
    /// every answer to a `procedure` question is rejected.
    public var procedures: ProcedureCatalog

    public init(
        catalog: FlowCatalog, messages: MessageCatalog, settings: EngineSettings = .init(),
        communes: CommuneDirectory? = nil, procedures: ProcedureCatalog = ProcedureCatalog()
    ) {
        self.catalog = catalog
        self.messages = messages
        self.settings = settings
        self.communes = communes
        self.procedures = procedures
    }

    /// Handles one inbound event.
    public func received(_ content: InboundContent, state: ConversationState, now: Date) -> EngineResult {
        var turn = Turn(engine: self, state: state, now: now)
        turn.state.lastActivity = now
        if !turn.resumeDraftIfIdle(since: state.lastActivity, content: content) {
            turn.handle(content)
        }
        return turn.result
    }

    /// Continues after the driver performed the pending action; `results` become slots.
    public func actionCompleted(_ results: [String: String], state: ConversationState, now: Date) -> EngineResult {
        var turn = Turn(engine: self, state: state, now: now)
        if case .action("delete_my_data")? = turn.currentStep?.kind {
            // The store deleted the citizen's data; the state saved next must not bring it back.
            turn.state.slots = [:]
            turn.state.history = []
            turn.state.savedDraft = nil
        }
        for (name, value) in results {
            turn.state.slots[name] = SlotValue(value: value, display: value)
        }
        if let step = turn.currentStep {
            turn.follow(step)
        }
        return turn.result
    }

    /// Hands the conversation to an official, or back to the bot.
    public func setHandoff(_ active: Bool, state: ConversationState, now: Date) -> EngineResult {
        var turn = Turn(engine: self, state: state, now: now)
        turn.state.handoff = active
        turn.say(messages.text(active ? "handoff.started" : "handoff.ended"))
        if !active { turn.repeatPrompt() }
        return turn.result
    }
}
