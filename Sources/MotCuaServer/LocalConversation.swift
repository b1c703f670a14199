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
    /// Steps entered while the last `send` or `processPending` ran, in order.
    public private(set) var enteredSteps: [StepReference] = []
    /// The `next` rules followed while the last `send` or `processPending` ran, in order.
    public private(set) var transitions: [StepTransition] = []
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
        self.store = try SQLiteStore.freshInMemory()
        self.actions = ActionPerformer(store: store, messages: engine.messages, catalog: engine.catalog, logger: logger)
        self.logger = logger
    }

    /// Sends what the citizen typed or shared and returns the bot's replies. A failed store call is
    /// logged and the flow goes on without the action's results.
    public mutating func send(_ content: InboundContent, now: Date = Date()) -> [OutboundMessage] {
        eventCount += 1
        _ = deliver(content, eventID: "local-\(eventCount)", now: now)
        return processPending(now: now).flatMap { $0 }
    }

    /// Stores an event in the inbox without processing it, as the webhook route does. Returns false
    /// when an event with the same id was stored before, which the store then ignores, or when the
    /// store fails, which is logged.
    @discardableResult
    public mutating func deliver(_ content: InboundContent, eventID: String, now: Date) -> Bool {
        let event = InboundEvent(
            channel: conversationID.channel, eventID: eventID, userID: conversationID.userID,
            timestampMillis: Int64(now.timeIntervalSince1970 * 1000), content: content)
        do {
            return try store.insertInbound(event, receivedAt: now)
        } catch {
            logger.error("storing a local event failed", ["error": "\(error)"])
            return false
        }
    }

    /// Processes every stored event not yet processed, oldest first, and returns the replies to
    /// each event in the same order.
    public mutating func processPending(now: Date) -> [[OutboundMessage]] {
        let pending: [StoredEvent]
        do {
            pending = try store.pendingInbound(limit: 1000)
        } catch {
            logger.error("reading the local inbox failed", ["error": "\(error)"])
            return []
        }
        enteredSteps = []
        transitions = []
        return pending.map { process($0, now: now) }
    }

    /// Replaces the state in memory with the one last saved in the store, as a restarted server
    /// would see it.
    public mutating func reloadState() throws {
        guard let record = try store.loadConversation(conversationID) else {
            state = ConversationState()
            return
        }
        state = try JSONDecoder().decode(ConversationState.self, from: record.state)
    }

    private mutating func process(_ stored: StoredEvent, now: Date) -> [OutboundMessage] {
        var result = engine.received(stored.event.content, state: state, now: now)
        var replies = result.replies
        var effects = ActionEffects()
        enteredSteps += result.enteredSteps
        transitions += result.transitions
        while let action = result.action {
            var values: [String: String] = [:]
            do {
                values = try actions.perform(action, conversation: conversationID, now: now, effects: &effects)
            } catch {
                logger.error("action failed", ["action": action.name, "error": "\(error)"])
            }
            result = engine.actionCompleted(values, state: result.state, now: now)
            replies += result.replies
            enteredSteps += result.enteredSteps
            transitions += result.transitions
        }
        state = result.state
        dossiers += effects.dossiers

        do {
            // Same bytes as EventProcessor.record, without JSONEncoder's cost.
            let record = ConversationRecord(
                id: conversationID, state: state.sortedKeyJSON(), updatedAt: now, handoff: state.handoff)
            try store.commitProcessing(
                ProcessingCommit(
                    eventSequence: stored.sequence,
                    conversation: record,
                    replies: [], dossiers: effects.dossiers, reports: effects.reports,
                    subscription: effects.subscription, deletesCitizenData: effects.deletesCitizenData, now: now))
        } catch {
            logger.error("saving the local conversation failed", ["error": "\(error)"])
        }
        return replies
    }
}
