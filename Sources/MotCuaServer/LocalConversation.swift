import Foundation
import MotCuaCore
import MotCuaStorage

/// One conversation run in process, without a server: for `motcua chat`. Actions run as in the
/// service against a private in-memory database, so a code filed in the chat can be looked up in
/// the same chat. Nothing is kept after the process ends.
public struct LocalConversation {
    public let engine: ConversationEngine
    public private(set) var state = ConversationState()
    public private(set) var dossiers: [Dossier] = []
    private let conversationID: ConversationID
    private let store: SQLiteStore
    private let actions: ActionPerformer
    private let logger: Logger
    private var eventCount = 0
    private var storedEvents: Int64 = 0

    /// Throws when the in-memory database cannot be created.
    public init(engine: ConversationEngine, userID: String, logger: Logger) throws {
        self.engine = engine
        self.conversationID = ConversationID(channel: .zalo, userID: userID)
        self.store = try SQLiteStore(path: ":memory:")
        self.actions = ActionPerformer(store: store, messages: engine.messages, catalog: engine.catalog, logger: logger)
        self.logger = logger
    }

    /// Sends what the citizen typed or shared and returns the bot's replies. A failed store call is
    /// logged and the flow goes on without the action's results.
    public mutating func send(_ content: InboundContent, now: Date = Date()) -> [OutboundMessage] {
        eventCount += 1
        let event = InboundEvent(
            channel: conversationID.channel, eventID: "local-\(eventCount)", userID: conversationID.userID,
            timestampMillis: Int64(now.timeIntervalSince1970 * 1000), content: content)

        var result = engine.received(content, state: state, now: now)
        var replies = result.replies
        var effects = ActionEffects()
        while let action = result.action {
            var values: [String: String] = [:]
            do {
                values = try actions.perform(action, conversation: conversationID, now: now, effects: &effects)
            } catch {
                logger.error("action failed", ["action": action.name, "error": "\(error)"])
            }
            result = engine.actionCompleted(values, state: result.state, now: now)
            replies += result.replies
        }
        state = result.state
        dossiers += effects.dossiers

        do {
            let sequence: Int64
            if try store.insertInbound(event, receivedAt: now) {
                // The private database's inbox numbers rows 1, 2, 3… (AUTOINCREMENT) and only this
                // method inserts, so the new row's sequence is the count of rows inserted.
                storedEvents += 1
                sequence = storedEvents
            } else {
                sequence = try store.pendingInbound(limit: 1).first?.sequence ?? 0
            }
            // Same bytes as EventProcessor.record, without JSONEncoder's cost.
            let record = ConversationRecord(
                id: conversationID, state: state.sortedKeyJSON(), updatedAt: now, handoff: state.handoff)
            try store.commitProcessing(
                ProcessingCommit(
                    eventSequence: sequence,
                    conversation: record,
                    replies: [], dossiers: effects.dossiers, reports: effects.reports,
                    subscription: effects.subscription, deletesCitizenData: effects.deletesCitizenData, now: now))
        } catch {
            logger.error("saving the local conversation failed", ["error": "\(error)"])
        }
        return replies
    }
}
