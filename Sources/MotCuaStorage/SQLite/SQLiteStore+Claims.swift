import Foundation
import MotCuaCore

extension SQLiteStore {
    /// Returns up to `limit` pending events, oldest first. A SQLite file serves one process, whose
    /// event processor keeps each conversation's events in order, so there is nothing to claim.
    public func claimInbound(owner: String, now: Date, lease: TimeInterval, limit: Int) throws -> [StoredEvent] {
        try pendingInbound(limit: limit)
    }

    /// Does nothing: `claimInbound` claims nothing in this store.
    public func releaseInbound(_ id: ConversationID, owner: String) throws {}

    /// Returns true: one process owns the file, so no other instance can hold a lease.
    public func acquireLease(_ name: String, owner: String, now: Date, duration: TimeInterval) throws -> Bool {
        true
    }
}
