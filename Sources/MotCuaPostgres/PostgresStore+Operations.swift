import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    /// Counts pending inbox and outbox rows through their partial indexes. The draft count scans
    /// the conversations table like the SQLite store: a conversation inside a flow other than the
    /// main menu `menu` has `"flowID":"…"` in its encoded state.
    public func depth() throws -> StoreDepth {
        let purpose = "counting pending events, replies and drafts"
        return try read(purpose) { connection in
            let counts = try connection.query(
                """
                SELECT
                    (SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL),
                    (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
                    (SELECT COUNT(*) FROM conversations
                        WHERE position('"flowID":"' IN convert_from(state, 'UTF8')) > 0
                            AND position('"flowID":"menu"' IN convert_from(state, 'UTF8')) = 0)
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
        let limit: [PostgresValue] = [.integer(cutoff.epochMilliseconds)]
        return try write(purpose) { connection in
            let events = try connection.run(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < $1", limit, purpose: purpose)
            let replies = try connection.run(
                "DELETE FROM outbox WHERE status <> 'pending' AND created_at < $1", limit, purpose: purpose)
            return HistoryDeletion(inboundEvents: events, outboxEntries: replies)
        }
    }

    public func deleteCases(updatedBefore cutoff: Date) throws -> CaseDeletion {
        let purpose = "deleting dossiers and reports unchanged since before \(cutoff.epochMilliseconds)"
        let limit: [PostgresValue] = [.integer(cutoff.epochMilliseconds)]
        return try write(purpose) { connection in
            try connection.run(
                """
                DELETE FROM status_changes
                WHERE (kind = 'dossier' AND code IN (
                        SELECT receipt_code FROM dossiers WHERE COALESCE(updated_at, created_at) < $1))
                    OR (kind = 'report' AND code IN (SELECT ticket FROM reports WHERE updated_at < $1))
                """,
                limit, purpose: purpose)
            let dossiers = try connection.run(
                "DELETE FROM dossiers WHERE COALESCE(updated_at, created_at) < $1", limit, purpose: purpose)
            let reports = try connection.run("DELETE FROM reports WHERE updated_at < $1", limit, purpose: purpose)
            return CaseDeletion(dossiers: dossiers, reports: reports)
        }
    }
}
