import Foundation
import MotCuaCore

/// One conversation run in process, without a server or a store: for `motcua chat`. Actions run
/// as in the service, but dossiers are only kept in memory.
public struct LocalConversation {
    public let engine: ConversationEngine
    public private(set) var state = ConversationState()
    public private(set) var dossiers: [Dossier] = []
    private let conversationID: ConversationID
    private let actions: ActionPerformer

    public init(engine: ConversationEngine, userID: String, logger: Logger) {
        self.engine = engine
        self.conversationID = ConversationID(channel: .zalo, userID: userID)
        self.actions = ActionPerformer(logger: logger)
    }

    /// Sends what the citizen typed or shared and returns the bot's replies.
    public mutating func send(_ content: InboundContent, now: Date = Date()) -> [OutboundMessage] {
        var result = engine.received(content, state: state, now: now)
        var replies = result.replies
        while let action = result.action {
            let values = actions.perform(action, conversation: conversationID, now: now, dossiers: &dossiers)
            result = engine.actionCompleted(values, state: result.state, now: now)
            replies += result.replies
        }
        state = result.state
        return replies
    }
}
