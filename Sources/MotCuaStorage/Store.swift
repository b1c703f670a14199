import Foundation
import MotCuaCore

/// An inbound event as stored in the inbox; `sequence` orders events by arrival.
public struct StoredEvent: Sendable, Equatable {
    public var sequence: Int64
    public var event: InboundEvent
    public var receivedAt: Date

    public init(sequence: Int64, event: InboundEvent, receivedAt: Date) {
        self.sequence = sequence
        self.event = event
        self.receivedAt = receivedAt
    }
}

/// An inbound event and the time the webhook delivered it, waiting to be stored.
public struct ReceivedEvent: Sendable, Equatable {
    public var event: InboundEvent
    public var receivedAt: Date

    public init(event: InboundEvent, receivedAt: Date) {
        self.event = event
        self.receivedAt = receivedAt
    }
}

/// A conversation's saved engine state, kept as the engine's own encoding.
public struct ConversationRecord: Sendable, Equatable {
    public var id: ConversationID
    public var state: Data
    public var updatedAt: Date
    /// A copy of the state's handoff flag, so the store can list conversations an official handles.
    public var handoff: Bool

    public init(id: ConversationID, state: Data, updatedAt: Date, handoff: Bool = false) {
        self.id = id
        self.state = state
        self.updatedAt = updatedAt
        self.handoff = handoff
    }
}

/// A reply waiting in the outbox or already handled.
public struct OutboxEntry: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending
        case delivered
        case failed
    }

    public var id: Int64
    public var conversationID: ConversationID
    public var message: OutboundMessage
    public var status: Status
    /// Delivery attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Date
    /// The last failure's reason, without personal data.
    public var lastError: String?

    public init(
        id: Int64, conversationID: ConversationID, message: OutboundMessage, status: Status, attempts: Int,
        nextAttemptAt: Date, lastError: String?
    ) {
        self.id = id
        self.conversationID = conversationID
        self.message = message
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }
}

/// Everything one processed event changes, written in one transaction.
public struct ProcessingCommit: Sendable {
    /// The inbox sequence of the processed event; it is marked done.
    public var eventSequence: Int64
    public var conversation: ConversationRecord
    public var replies: [OutboundMessage]
    public var dossiers: [Dossier]
    public var reports: [FieldReport]
    public var subscription: SubscriptionChange?
    /// When true, the citizen's earlier messages, delivered replies and subscription are deleted
    /// before the rest of the commit is written.
    public var deletesCitizenData: Bool
    public var now: Date

    public init(
        eventSequence: Int64, conversation: ConversationRecord, replies: [OutboundMessage], dossiers: [Dossier],
        reports: [FieldReport] = [], subscription: SubscriptionChange? = nil, deletesCitizenData: Bool = false,
        now: Date
    ) {
        self.eventSequence = eventSequence
        self.conversation = conversation
        self.replies = replies
        self.dossiers = dossiers
        self.reports = reports
        self.subscription = subscription
        self.deletesCitizenData = deletesCitizenData
        self.now = now
    }
}

/// A change to the conversation's subscription, written with a processing commit.
public enum SubscriptionChange: Sendable, Equatable {
    /// Inserts the subscription or replaces the conversation's existing one.
    case save(Subscription)
    case delete
}

/// The filter and page of a dossier or report listing, which is ordered newest first.
public struct CaseFilter: Sendable, Equatable {
    /// A `CaseStatus` raw value, or nil for every status.
    public var status: String?
    /// Only records created at or after this date.
    public var since: Date?
    public var limit: Int
    public var offset: Int

    public init(status: String? = nil, since: Date? = nil, limit: Int = 50, offset: Int = 0) {
        self.status = status
        self.since = since
        self.limit = limit
        self.offset = offset
    }
}

/// The row counts `deleteCitizenData` removed, by table.
public struct CitizenDataDeletion: Sendable, Equatable {
    public var conversations: Int
    public var inboundEvents: Int
    public var outboxEntries: Int
    public var subscriptions: Int

    public init(conversations: Int, inboundEvents: Int, outboxEntries: Int, subscriptions: Int) {
        self.conversations = conversations
        self.inboundEvents = inboundEvents
        self.outboxEntries = outboxEntries
        self.subscriptions = subscriptions
    }
}

/// Row counts for metrics.
public struct StoreDepth: Sendable, Equatable {
    /// Inbound events not yet processed.
    public var inboxPending: Int
    /// Replies not yet delivered or given up.
    public var outboxPending: Int
    /// Conversations whose saved state is inside a flow other than the main menu, such as a
    /// half-filled form.
    public var activeDrafts: Int

    public init(inboxPending: Int, outboxPending: Int, activeDrafts: Int) {
        self.inboxPending = inboxPending
        self.outboxPending = outboxPending
        self.activeDrafts = activeDrafts
    }
}

/// The row counts `deleteHistory` removed, by table.
public struct HistoryDeletion: Sendable, Equatable {
    public var inboundEvents: Int
    public var outboxEntries: Int

    public init(inboundEvents: Int, outboxEntries: Int) {
        self.inboundEvents = inboundEvents
        self.outboxEntries = outboxEntries
    }
}

/// The record counts `deleteCases` removed.
public struct CaseDeletion: Sendable, Equatable {
    public var dossiers: Int
    public var reports: Int

    public init(dossiers: Int, reports: Int) {
        self.dossiers = dossiers
        self.reports = reports
    }
}

/// A flow file as it was when a version of it was first loaded.
public struct StoredFlowVersion: Sendable, Equatable {
    public var flowID: String
    public var version: String
    public var source: [UInt8]
    public var firstSeenAt: Date

    public init(flowID: String, version: String, source: [UInt8], firstSeenAt: Date) {
        self.flowID = flowID
        self.version = version
        self.source = source
        self.firstSeenAt = firstSeenAt
    }
}

/// The storage the service runs on. Every method is one transaction; implementations are safe to
/// call from several threads.
public protocol Store: BroadcastStore {
    /// Stores the event in the inbox unless an event with the same (channel, eventID) is stored;
    /// returns false for such a duplicate. The event is durable when this returns.
    func insertInbound(_ event: InboundEvent, receivedAt: Date) throws -> Bool

    /// Stores a batch of events in one transaction, so the batch pays for one commit. Each event is
    /// stored unless an event with the same (channel, eventID) is stored, also earlier in the same
    /// batch. Returns, in the batch's order, the stored event for each inserted one and nil for
    /// each duplicate. All events are durable when this returns, and none is stored when it throws.
    func insertInbound(_ batch: [ReceivedEvent]) throws -> [StoredEvent?]

    /// Returns up to `limit` events not yet processed, oldest first.
    func pendingInbound(limit: Int) throws -> [StoredEvent]

    func loadConversation(_ id: ConversationID) throws -> ConversationRecord?

    /// Saves the conversation, appends the replies to the outbox (due at `commit.now`), inserts the
    /// dossiers and marks the event processed, all or nothing.
    func commitProcessing(_ commit: ProcessingCommit) throws

    /// Marks an event processed without other changes, for events that need no engine run.
    func markProcessed(eventSequence: Int64) throws

    /// Claims up to `limit` due pending replies for delivery. Only the oldest pending reply of each
    /// conversation is eligible, so one recipient's replies leave in order. A claim lasts until
    /// `now + lease`; an unfinished claim is eligible again after that.
    func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) throws -> [OutboxEntry]

    func markDelivered(outboxID: Int64, at: Date) throws

    /// Marks several replies delivered in one transaction and returns the ids that named no
    /// pending reply, which are left unchanged.
    func markDelivered(outboxIDs: [Int64], at: Date) throws -> [Int64]

    /// Releases the claim and makes the reply due again at `nextAttemptAt`.
    func scheduleRetry(outboxID: Int64, attempts: Int, nextAttemptAt: Date, error: String) throws

    /// Records a permanent failure; the reply is never retried.
    func markFailed(outboxID: Int64, attempts: Int, reason: String) throws

    func outboxEntries(for id: ConversationID) throws -> [OutboxEntry]

    func dossier(receiptCode: String) throws -> Dossier?

    func dossiers(for id: ConversationID) throws -> [Dossier]

    /// Keeps a flow file's bytes under its version; a version already stored is left unchanged.
    func saveFlowVersion(_ flow: StoredFlowVersion) throws

    /// Returns every stored flow version, oldest first.
    func flowVersions() throws -> [StoredFlowVersion]

    /// Returns the access and refresh tokens last stored for a channel, or nil when none was stored.
    func platformToken(channel: ChannelKind) throws -> StoredToken?

    /// Replaces a channel's tokens in one transaction, so the rotated refresh token is never lost
    /// while its access token is kept.
    func saveRotatedToken(_ token: StoredToken) throws

    /// Deletes conversations whose last change is before `cutoff`, such as drafts past their
    /// lifetime; returns how many were deleted.
    func deleteConversations(updatedBefore cutoff: Date) throws -> Int

    /// Returns dossiers matching `filter`, newest first.
    func dossiers(matching filter: CaseFilter) throws -> [Dossier]

    func report(ticket: String) throws -> FieldReport?

    /// Returns field reports matching `filter`, newest first.
    func reports(matching filter: CaseFilter) throws -> [FieldReport]

    /// Returns the status changes of one dossier or report, oldest first.
    func statusHistory(kind: CaseKind, code: String) throws -> [StatusChange]

    /// Sets the record's status, appends the change to its history and queues `notification` to the
    /// citizen who filed it, all or nothing. Returns that citizen's conversation. Throws `notFound`
    /// when no record has `change.code`.
    func recordStatusChange(_ change: StatusChange, notification: OutboundMessage) throws -> ConversationID

    func subscription(for id: ConversationID) throws -> Subscription?

    /// Returns every subscription, oldest first.
    func subscriptions() throws -> [Subscription]

    /// Deletes the conversation's saved state, the payloads of its processed events, its replies no
    /// longer pending and its subscription. Dossiers and reports are kept.
    func deleteCitizenData(_ id: ConversationID) throws -> CitizenDataDeletion

    /// Returns the conversations an official handles, least recently active first.
    func handoffConversations(limit: Int, offset: Int) throws -> [ConversationRecord]

    /// Saves a conversation changed outside event processing, such as released from a handoff, and
    /// queues `replies` to it in the same transaction.
    func saveConversation(_ record: ConversationRecord, replies: [OutboundMessage], now: Date) throws

    /// Queues an official's message to a conversation and returns its outbox id.
    func queueMessage(_ message: OutboundMessage, to id: ConversationID, now: Date) throws -> Int64

    /// Returns up to `limit` of the conversation's latest messages that are older than `before`, or
    /// the latest ones when `before` is nil, oldest first. Messages are the citizen's events and the
    /// replies in every status. Events and replies removed by `deleteCitizenData` are not returned.
    /// Returns nil when the store has no state, event or reply of the conversation. Throws
    /// `notFound` when `before` is not a message of this conversation.
    func transcript(of id: ConversationID, before: TranscriptEntry.ID?, limit: Int) throws -> [TranscriptEntry]?

    /// Returns when the citizen last wrote to the bot on this channel, or nil when no event of
    /// theirs is stored.
    func lastInboundAt(_ id: ConversationID) throws -> Date?

    /// Claims conversations with pending events for `owner` until `now + lease` and returns up to
    /// `limit` pending events of the conversations `owner` holds, oldest first. Claims `owner`
    /// already holds are renewed. A conversation claimed by another owner is skipped until that
    /// claim expires, so with several instances one conversation's events go to one instance at a
    /// time. A store used by one process only may return every pending event.
    func claimInbound(owner: String, now: Date, lease: TimeInterval, limit: Int) throws -> [StoredEvent]

    /// Gives up `owner`'s claim on the conversation, so that any instance may take its next events.
    /// Does nothing when `owner` does not hold it.
    func releaseInbound(_ id: ConversationID, owner: String) throws

    /// Takes or renews the lease `name` for `owner` until `now + duration`, and returns false while
    /// another owner holds it unexpired. Used for work that one instance at a time does, such as a
    /// token refresh. A store used by one process only may always return true.
    func acquireLease(_ name: String, owner: String, now: Date, duration: TimeInterval) throws -> Bool

    // Operations: metrics and retention. Each is one cheap statement or one transaction.

    /// Returns the inbox and outbox depth and the number of drafts in progress, for metrics read
    /// at every scrape.
    func depth() throws -> StoreDepth

    /// Deletes processed inbound events received before `cutoff` and delivered or failed replies
    /// created before it. Pending events and replies are kept whatever their age.
    func deleteHistory(before cutoff: Date) throws -> HistoryDeletion

    /// Deletes dossiers and field reports whose last change is before `cutoff`, with their
    /// status history; returns how many records were deleted.
    func deleteCases(updatedBefore cutoff: Date) throws -> CaseDeletion
}
