import Foundation
import MotCuaCore

/// Recipient counts of one broadcast, by state and by failure reason.
public struct RecipientCounts: Sendable, Equatable {
    public var byState: [RecipientState: Int]
    /// Failed and blocked recipients by reason.
    public var reasons: [String: Int]
    /// Recipients sent in the minute before the `now` the counts were read at.
    public var sentLastMinute: Int

    public init(byState: [RecipientState: Int] = [:], reasons: [String: Int] = [:], sentLastMinute: Int = 0) {
        self.byState = byState
        self.reasons = reasons
        self.sentLastMinute = sentLastMinute
    }

    public subscript(state: RecipientState) -> Int { byState[state] ?? 0 }

    public var total: Int { byState.values.reduce(0, +) }
}

/// The result of one send, recorded on a recipient in state `sending`.
public enum RecipientOutcome: Sendable, Equatable {
    case sent(recipientID: Int64)
    case failed(recipientID: Int64, reason: String)
    case blocked(recipientID: Int64, reason: String)
    /// Nothing was delivered; the recipient is queued again at `nextAttemptAt`.
    case retry(recipientID: Int64, nextAttemptAt: Date, reason: String)

    public var recipientID: Int64 {
        switch self {
        case .sent(let id), .failed(let id, _), .blocked(let id, _), .retry(let id, _, _):
            return id
        }
    }
}

/// A subscriber with the time of their last message, for dry runs.
public struct AudienceMember: Sendable, Equatable {
    public var subscription: Subscription
    public var lastInboundAt: Date?

    public init(subscription: Subscription, lastInboundAt: Date?) {
        self.subscription = subscription
        self.lastInboundAt = lastInboundAt
    }
}

/// Storage of broadcasts and their recipient lists. Every method is one transaction.
///
/// At most once: a recipient moves from `queued` to `sending` (with a lease) in a committed
/// transaction before its request is made, and only a row in `sending` accepts an outcome. A row
/// left in `sending` by a crash is never sent again: `failUnfinishedSends` marks it failed with
/// reason `outcome_unknown` once its lease ends.
public protocol BroadcastStore: Sendable {
    /// Inserts `broadcast` (its `id` is ignored) and returns the new id.
    func createBroadcast(_ broadcast: Broadcast) throws -> Int64

    func broadcast(id: Int64) throws -> Broadcast?

    /// Returns broadcasts newest first.
    func broadcasts(limit: Int, offset: Int) throws -> [Broadcast]

    /// Sets the state when it is still `from`; returns false when it is not. `approvedBy` is stored
    /// when given. A final state also sets `finished_at`.
    func updateBroadcastState(
        id: Int64, from: BroadcastState, to: BroadcastState, approvedBy: String?, now: Date
    ) throws -> Bool

    /// Cancels the broadcast when it is still `from`, and cancels its queued and waiting recipients
    /// in the same transaction. Recipients in `sending` keep their outcome. Returns false when the
    /// state is no longer `from`.
    func cancelBroadcast(id: Int64, from: BroadcastState, now: Date) throws -> Bool

    /// Returns scheduled broadcasts whose time has come (or that have none).
    func dueBroadcasts(now: Date) throws -> [Broadcast]

    /// Fixes the audience into recipients from the subscriptions at this moment and sets the
    /// broadcast `running`, in one transaction. Returns the number of recipients, or nil when the
    /// broadcast is not `scheduled`.
    func startBroadcast(id: Int64, now: Date) throws -> Int?

    /// Returns up to `limit` queued recipients of running broadcasts that are due, those of
    /// emergency broadcasts first (so quiet hours never hide them behind held-back rows), then oldest first,
    /// with the time of each citizen's last message. Completed broadcasts count too, because a
    /// waiting recipient queued again after the citizen wrote belongs to one.
    func dueRecipients(now: Date, limit: Int) throws -> [BroadcastRecipient]

    /// Moves each `sending` recipient from `queued` to `sending` with a claim until `now + lease`,
    /// and each `waiting` one to `waiting` with its reason. Returns the ids moved to `sending`;
    /// a recipient no longer queued is left alone.
    func claimRecipients(
        sending: [Int64], waiting: [(id: Int64, reason: String)], now: Date, lease: TimeInterval
    ) throws -> Set<Int64>

    /// Records outcomes of recipients in `sending`; an outcome for any other state is ignored.
    /// Returns how many were recorded.
    @discardableResult
    func recordRecipientOutcomes(_ outcomes: [RecipientOutcome], now: Date) throws -> Int

    /// Marks recipients whose `sending` claim ended before `now` failed with reason
    /// `outcome_unknown`, because their request may or may not have reached the platform.
    func failUnfinishedSends(now: Date) throws -> Int

    /// Queues again the waiting recipients of running or completed broadcasts whose citizen wrote
    /// after they started waiting, once that message is processed and the reply to it has left the
    /// outbox, and whose broadcast has not expired. Returns how many were queued.
    func requeueAnsweredWaiting(now: Date) throws -> Int

    /// Marks waiting recipients of expired broadcasts failed with reason `expired`.
    func expireWaitingRecipients(now: Date) throws -> Int

    /// Sets running broadcasts without queued or sending recipients `completed`; returns their ids.
    func completeFinishedBroadcasts(now: Date) throws -> [Int64]

    func recipientCounts(broadcastID: Int64, now: Date) throws -> RecipientCounts

    /// Returns the recipients of one broadcast in one state, by id, for inspection and tests.
    func recipients(broadcastID: Int64, state: RecipientState?, limit: Int) throws -> [BroadcastRecipient]

    /// Returns the subscribers in `audience` with the time of their last message.
    func audienceMembers(_ audience: BroadcastAudience) throws -> [AudienceMember]

    /// Returns whether a reply to a conversation is pending and due, so broadcasts can give way.
    func hasDueReplies(now: Date) throws -> Bool
}
