import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaStorage
import Synchronization

/// Takes stored inbound events and runs them through the engine. Events of one conversation go to
/// the same serial lane, so they are processed one at a time in arrival order; lanes run in
/// parallel. Each event's effects are committed in one transaction, so a crash in the middle
/// means the event is processed again from the saved state.
///
/// With several instances on one database, the store's conversation claims give each conversation
/// to one instance at a time. An instance releases a claim when none of the conversation's events
/// is left in its lanes. A dead instance's claims expire after `claimLease`.
final class EventProcessor: Sendable {
    private struct State {
        var inFlight: Set<Int64> = []
        /// Events dispatched to a lane and not yet finished, by conversation.
        var queued: [ConversationID: Int] = [:]
        var failures: [Int64: Int] = [:]
        /// Conversations whose oldest pending event failed; their later events wait until it
        /// succeeds or is set aside, so that order holds.
        var blocked: Set<ConversationID> = []
        var stopping = false
    }

    /// Failed attempts after which an event is set aside so it does not block its conversation.
    /// NOTE: the count is kept in memory, so each restart allows this many attempts again.
    static let maxAttempts = 5

    /// How long a conversation claim lasts without renewal, in seconds; the dispatcher renews its
    /// claims about once a second. Another instance takes over a dead instance's conversations
    /// after this time.
    private let claimLease: TimeInterval

    private let store: any Store
    private let engine: ConversationEngine
    private let actions: ActionPerformer
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let onReplies: @Sendable () -> Void
    private let metrics: ServiceMetrics
    private let claimFailures: RepeatedFailureLog
    private let lanes: [DispatchQueue]
    private let wakeSignal = WakeSignal()
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)
    /// The name under which this process claims conversations, unique per process.
    let instanceID: String

    init(
        store: any Store, engine: ConversationEngine, lanes: Int, logger: Logger, clock: @escaping @Sendable () -> Date,
        instanceID: String = UUID().uuidString, claimLease: TimeInterval = 30,
        metrics: ServiceMetrics = ServiceMetrics(), onReplies: @escaping @Sendable () -> Void
    ) {
        self.metrics = metrics
        self.store = store
        self.claimLease = claimLease
        self.instanceID = instanceID
        self.engine = engine
        self.actions = ActionPerformer(store: store, messages: engine.messages, catalog: engine.catalog, logger: logger)
        self.logger = logger
        self.claimFailures = RepeatedFailureLog(action: "claiming pending events", logger: logger)
        self.clock = clock
        self.onReplies = onReplies
        self.lanes = (0..<max(1, lanes)).map { DispatchQueue(label: "motcua.lane.\($0)") }
    }

    func start() {
        let thread = Thread { [self] in
            runDispatcher()
            finished.signal()
        }
        thread.name = "motcua.dispatcher"
        thread.start()
    }

    /// Called after an event was stored.
    func wake() { wakeSignal.notify() }

    /// Stops taking new events and waits until every lane finished its current work.
    func stop() {
        let alreadyStopping = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !alreadyStopping else { return }
        wakeSignal.notify()
        finished.wait()
        for lane in lanes { lane.sync {} }
    }

    private func runDispatcher() {
        while !state.withLock({ $0.stopping }) {
            wakeSignal.wait(timeout: 1)
            guard !state.withLock({ $0.stopping }) else { break }
            dispatchPending()
        }
    }

    private func dispatchPending() {
        let pending: [StoredEvent]
        do {
            // Claims use the wall clock, not the injected clock, because other instances compare them.
            pending = try store.claimInbound(owner: instanceID, now: Date(), lease: claimLease, limit: 256)
            claimFailures.succeeded(["instance.id": instanceID])
        } catch {
            metrics.databaseErrors.increment(["operation": "claim_inbox"])
            claimFailures.failed(error, ["instance.id": instanceID])
            return
        }
        var seen: Set<ConversationID> = []
        for stored in pending {
            let isOldest = seen.insert(stored.event.conversationID).inserted
            enqueue(stored, isOldestPending: isOldest)
        }
    }

    /// Queues events that the inbox has just committed on their lanes, in the given order, without
    /// reading them back from the store. Only for a store that one process uses: with shared
    /// stores an instance takes events through conversation claims, so this is not called.
    ///
    /// The dispatcher's scan, once a second and at start, still picks up anything this misses,
    /// such as events stored before a restart and the retry of a failed event.
    func dispatchStored(_ events: [StoredEvent]) {
        for stored in events {
            enqueue(stored, isOldestPending: false)
        }
    }

    /// Queues one event on its conversation's lane unless it is already queued or running.
    private func enqueue(_ stored: StoredEvent, isOldestPending: Bool) {
        let conversation = stored.event.conversationID
        let isNew = state.withLock { state in
            guard !state.stopping else { return false }
            // The oldest pending event of a blocked conversation is the failed one: retry it.
            if isOldestPending, !state.inFlight.contains(stored.sequence) { state.blocked.remove(conversation) }
            let isNew = state.inFlight.insert(stored.sequence).inserted
            if isNew { state.queued[conversation, default: 0] += 1 }
            return isNew
        }
        guard isNew else { return }
        lane(for: conversation).async { [self] in
            process(stored)
            finish(stored.sequence, of: conversation)
        }
    }

    /// Forgets a finished event and releases the conversation's claim when none of its events is
    /// left in this instance's lanes.
    private func finish(_ sequence: Int64, of conversation: ConversationID) {
        let isLast = state.withLock { state -> Bool in
            state.inFlight.remove(sequence)
            let left = (state.queued[conversation] ?? 1) - 1
            state.queued[conversation] = left > 0 ? left : nil
            return left <= 0
        }
        guard isLast else { return }
        do {
            try store.releaseInbound(conversation, owner: instanceID)
        } catch {
            // The claim then expires after claimLease, so the conversation only waits longer.
            logger.error(
                "releasing a conversation claim failed", ["error": "\(error)", "conversation.id": "\(conversation)"])
        }
    }

    private func process(_ stored: StoredEvent) {
        let conversation = stored.event.conversationID
        guard !state.withLock({ $0.blocked.contains(conversation) }) else { return }
        let eventLogger = logger.with([
            "event.sequence": "\(stored.sequence)", "event.id": stored.event.eventID,
            "conversation.id": "\(conversation)",
        ])
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let replies = try run(stored, conversation: conversation)
            state.withLock { _ = $0.failures.removeValue(forKey: stored.sequence) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            metrics.processingSeconds.observe(seconds, ["channel": conversation.channel.rawValue])
            metrics.events.increment(["result": "processed"])
            eventLogger.info(
                "event processed", ["replies": "\(replies)", "duration.seconds": String(format: "%.4f", seconds)])
            if replies > 0 { onReplies() }
        } catch {
            metrics.events.increment(["result": "failed"])
            let attempts = state.withLock { state -> Int in
                state.failures[stored.sequence, default: 0] += 1
                return state.failures[stored.sequence]!
            }
            eventLogger.error("processing an event failed", ["error": "\(error)", "attempt": "\(attempts)"])
            guard attempts >= Self.maxAttempts else {
                state.withLock { _ = $0.blocked.insert(conversation) }
                return
            }
            do {
                try store.markProcessed(eventSequence: stored.sequence)
                metrics.events.increment(["result": "set_aside"])
                eventLogger.error("event set aside after repeated failures", ["attempts": "\(attempts)"])
            } catch {
                metrics.databaseErrors.increment(["operation": "set_event_aside"])
                // Still pending: keep later events waiting so that order holds.
                state.withLock { _ = $0.blocked.insert(conversation) }
                eventLogger.error("setting an event aside failed", ["error": "\(error)"])
            }
        }
    }

    /// Runs the engine for one event and commits the result; returns the number of replies.
    private func run(_ stored: StoredEvent, conversation: ConversationID) throws -> Int {
        let now = clock()
        var conversationState = ConversationState()
        if let record = try store.loadConversation(conversation) {
            conversationState = try JSONDecoder().decode(ConversationState.self, from: record.state)
        }

        let content = Self.resolvedContent(stored.event, buttons: conversationState.buttons)
        var result = engine.received(content, state: conversationState, now: now)
        var replies = result.replies
        var effects = ActionEffects()
        while let action = result.action {
            let values = try actions.perform(action, conversation: conversation, now: now, effects: &effects)
            result = engine.actionCompleted(values, state: result.state, now: now)
            replies += result.replies
        }

        var finalState = result.state
        if effects.deletesCitizenData {
            // The flow keeps its place, but the answers given so far are personal data too.
            finalState.slots = [:]
            finalState.history = []
            finalState.callStack = finalState.callStack.map { frame in
                var frame = frame
                frame.history = []
                return frame
            }
        }
        let record = try Self.record(finalState, id: conversation, now: now)
        try store.commitProcessing(
            ProcessingCommit(
                eventSequence: stored.sequence, conversation: record, replies: replies, dossiers: effects.dossiers,
                reports: effects.reports, subscription: effects.subscription,
                deletesCitizenData: effects.deletesCitizenData, now: now))
        return replies.count
    }

    /// Maps a hashed Telegram `callback_data` back to the value of the waiting button it was
    /// computed from. Data that matches no waiting button is passed on unchanged, and the engine
    /// then treats it as an unknown answer.
    static func resolvedContent(_ event: InboundEvent, buttons: [ReplyButton]) -> InboundContent {
        guard event.channel == .telegram, case .button(let data) = event.content,
            data.hasPrefix(TelegramSender.hashedCallbackPrefix)
        else {
            return event.content
        }
        return .button(TelegramSender.buttonValue(forCallbackData: data, among: buttons) ?? data)
    }

    /// Encodes a state for the store. Keys are sorted, which the store's handoff backfill relies on.
    static func record(_ state: ConversationState, id: ConversationID, now: Date) throws -> ConversationRecord {
        ConversationRecord(id: id, state: state.sortedKeyJSON(), updatedAt: now, handoff: state.handoff)
    }

    /// Runs `body` on the conversation's lane, after the events already queued there, so a change
    /// made outside event processing never interleaves with an event of the same conversation.
    func runInLane<Result>(for conversation: ConversationID, _ body: () throws -> Result) rethrows -> Result {
        try lane(for: conversation).sync(execute: body)
    }

    private func lane(for conversation: ConversationID) -> DispatchQueue {
        var hasher = Hasher()
        hasher.combine(conversation)
        return lanes[Int(UInt(bitPattern: hasher.finalize()) % UInt(lanes.count))]
    }
}
