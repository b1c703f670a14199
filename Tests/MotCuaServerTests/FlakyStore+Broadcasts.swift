import Foundation
import MotCuaCore
import MotCuaStorage

/// Broadcast methods of the flaky store pass straight through to the SQLite store.
extension FlakyStore {
    func createBroadcast(_ broadcast: Broadcast) throws -> Int64 { try base.createBroadcast(broadcast) }

    func broadcast(id: Int64) throws -> Broadcast? { try base.broadcast(id: id) }

    func broadcasts(limit: Int, offset: Int) throws -> [Broadcast] { try base.broadcasts(limit: limit, offset: offset) }

    func updateBroadcastState(
        id: Int64, from: BroadcastState, to: BroadcastState, approvedBy: String?, now: Date
    ) throws -> Bool {
        try base.updateBroadcastState(id: id, from: from, to: to, approvedBy: approvedBy, now: now)
    }

    func cancelBroadcast(id: Int64, from: BroadcastState, now: Date) throws -> Bool {
        try base.cancelBroadcast(id: id, from: from, now: now)
    }

    func dueBroadcasts(now: Date) throws -> [Broadcast] { try base.dueBroadcasts(now: now) }

    func startBroadcast(id: Int64, now: Date) throws -> Int? { try base.startBroadcast(id: id, now: now) }

    func dueRecipients(now: Date, limit: Int) throws -> [BroadcastRecipient] {
        try base.dueRecipients(now: now, limit: limit)
    }

    func claimRecipients(
        sending: [Int64], waiting: [(id: Int64, reason: String)], now: Date, lease: TimeInterval
    ) throws -> Set<Int64> {
        try base.claimRecipients(sending: sending, waiting: waiting, now: now, lease: lease)
    }

    func recordRecipientOutcomes(_ outcomes: [RecipientOutcome], now: Date) throws -> Int {
        try base.recordRecipientOutcomes(outcomes, now: now)
    }

    func failUnfinishedSends(now: Date) throws -> Int { try base.failUnfinishedSends(now: now) }

    func requeueAnsweredWaiting(now: Date) throws -> Int { try base.requeueAnsweredWaiting(now: now) }

    func expireWaitingRecipients(now: Date) throws -> Int { try base.expireWaitingRecipients(now: now) }

    func completeFinishedBroadcasts(now: Date) throws -> [Int64] { try base.completeFinishedBroadcasts(now: now) }

    func recipientCounts(broadcastID: Int64, now: Date) throws -> RecipientCounts {
        try base.recipientCounts(broadcastID: broadcastID, now: now)
    }

    func recipients(broadcastID: Int64, state: RecipientState?, limit: Int) throws -> [BroadcastRecipient] {
        try base.recipients(broadcastID: broadcastID, state: state, limit: limit)
    }

    func audienceMembers(_ audience: BroadcastAudience) throws -> [AudienceMember] {
        try base.audienceMembers(audience)
    }

    func hasDueReplies(now: Date) throws -> Bool { try base.hasDueReplies(now: now) }
}
