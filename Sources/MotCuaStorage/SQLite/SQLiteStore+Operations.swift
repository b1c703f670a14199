import Foundation
import MotCuaCore

extension SQLiteStore {
    /// Counts pending inbox and outbox rows through their partial indexes. The draft count scans
    /// the conversations table and counts conversations inside a flow other than the main menu.
    /// It relies on the processor's JSON encoding, which writes `"flowID":"…"` only while the
    /// conversation is inside a flow, and on the main menu's flow id `menu`.
    public func depth() throws -> StoreDepth {
        let purpose = "counting pending events, replies and drafts"
        return try read(purpose) { connection in
            let counts = try connection.query(
                """
                SELECT
                    (SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL),
                    (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
                    (SELECT COUNT(*) FROM conversations
                        WHERE instr(CAST(state AS TEXT), '"flowID":"') > 0
                            AND instr(CAST(state AS TEXT), '"flowID":"menu"') = 0)
                """,
                purpose: purpose
            ) { row in
                StoreDepth(
                    inboxPending: Int(row.int64(0)), outboxPending: Int(row.int64(1)),
                    activeDrafts: Int(row.int64(2)))
            }
            return counts.first ?? StoreDepth(inboxPending: 0, outboxPending: 0, activeDrafts: 0)
        }
    }

    public func deleteHistory(before cutoff: Date) throws -> HistoryDeletion {
        let purpose = "deleting history from before \(cutoff.epochMilliseconds)"
        let limit: [SQLiteValue] = [.integer(cutoff.epochMilliseconds)]
        return try write(purpose) { connection in
            let events = try connection.run(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < ?", limit, purpose: purpose)
            let replies = try connection.run(
                "DELETE FROM outbox WHERE status <> 'pending' AND created_at < ?", limit, purpose: purpose)
            return HistoryDeletion(inboundEvents: events, outboxEntries: replies)
        }
    }

    public func deleteCases(updatedBefore cutoff: Date) throws -> CaseDeletion {
        let purpose = "deleting dossiers and reports unchanged since before \(cutoff.epochMilliseconds)"
        let limit: [SQLiteValue] = [.integer(cutoff.epochMilliseconds)]
        return try write(purpose) { connection in
            try connection.run(
                """
                DELETE FROM status_changes
                WHERE (kind = 'dossier' AND code IN (
                        SELECT receipt_code FROM dossiers WHERE COALESCE(updated_at, created_at) < ?1))
                    OR (kind = 'report' AND code IN (SELECT ticket FROM reports WHERE updated_at < ?1))
                """,
                limit, purpose: purpose)
            let dossiers = try connection.run(
                "DELETE FROM dossiers WHERE COALESCE(updated_at, created_at) < ?", limit, purpose: purpose)
            let reports = try connection.run("DELETE FROM reports WHERE updated_at < ?", limit, purpose: purpose)
            return CaseDeletion(dossiers: dossiers, reports: reports)
        }
    }
}
