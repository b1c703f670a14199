import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    public func statusHistory(kind: CaseKind, code: String) throws -> [StatusChange] {
        let purpose = "reading the status history of \(kind.rawValue) \(code)"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT status, note, official_role, changed_at FROM status_changes
                WHERE kind = $1 AND code = $2
                ORDER BY id
                """,
                [.text(kind.rawValue), .text(code)],
                purpose: purpose
            ) { row in
                let statusName = row.text(0) ?? ""
                guard let status = CaseStatus(rawValue: statusName) else {
                    throw StorageError(.decodeFailed, "\(kind.rawValue) \(code) has unknown status '\(statusName)'")
                }
                return StatusChange(
                    kind: kind, code: code, status: status, note: row.text(1), officialRole: row.text(2) ?? "",
                    changedAt: Date(epochMilliseconds: row.int64(3)))
            }
        }
    }

    /// Updates the record's status, appends the change to `status_changes` and queues the
    /// notification to the record's conversation in one transaction. The record's row stays
    /// locked until then, so two officials' changes are recorded one after the other.
    public func recordStatusChange(_ change: StatusChange, notification: OutboundMessage) throws -> ConversationID {
        let purpose = "recording status \(change.status.rawValue) of \(change.kind.rawValue) \(change.code)"
        let message = try StoredJSON.encode(
            notification, purpose: "notification of \(change.kind.rawValue) \(change.code)")
        let table = change.kind == .dossier ? "dossiers" : "reports"
        let key = change.kind == .dossier ? "receipt_code" : "ticket"

        return try write(purpose) { connection in
            let owners = try connection.query(
                "SELECT channel, user_id FROM \(table) WHERE \(key) = $1 FOR UPDATE", [.text(change.code)],
                purpose: purpose
            ) { row in
                (row.text(0), row.text(1) ?? "")
            }
            guard let (channelName, userID) = owners.first else {
                throw StorageError(.notFound, "\(purpose) failed: no \(change.kind.rawValue) has code \(change.code)")
            }
            let owner = ConversationID(
                channel: try Self.channel(channelName, of: "\(change.kind.rawValue) \(change.code)"), userID: userID)
            let changedAt = change.changedAt.epochMilliseconds

            try connection.run(
                "UPDATE \(table) SET status = $1, updated_at = $2 WHERE \(key) = $3",
                [.text(change.status.rawValue), .integer(changedAt), .text(change.code)], purpose: purpose)
            try connection.run(
                """
                INSERT INTO status_changes (kind, code, status, note, official_role, changed_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                """,
                [
                    .text(change.kind.rawValue), .text(change.code), .text(change.status.rawValue), .text(change.note),
                    .text(change.officialRole), .integer(changedAt),
                ],
                purpose: purpose)
            _ = try Self.appendReply(
                message, to: owner, dueAt: change.changedAt, connection: connection, purpose: purpose)
            return owner
        }
    }
}
