import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    private static let dossierColumns =
        "receipt_code, flow_id, flow_version, channel, user_id, answers, status, created_at"

    public func dossier(receiptCode: String) throws -> Dossier? {
        let purpose = "reading dossier \(receiptCode)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.dossierColumns) FROM dossiers WHERE receipt_code = $1", [.text(receiptCode)],
                purpose: purpose, read: Self.dossier
            ).first
        }
    }

    /// Returns the conversation's dossiers, oldest first; equal times keep their insertion order.
    public func dossiers(for id: ConversationID) throws -> [Dossier] {
        let purpose = "reading dossiers of conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.dossierColumns) FROM dossiers
                WHERE channel = $1 AND user_id = $2
                ORDER BY created_at, row_id
                """,
                [.text(id.channel.rawValue), .text(id.userID)],
                purpose: purpose,
                read: Self.dossier)
        }
    }

    public func dossiers(matching filter: CaseFilter) throws -> [Dossier] {
        guard filter.limit > 0 else {
            return []
        }
        let purpose = "listing dossiers"
        let (condition, values) = Self.filterClause(filter)
        let page = values.count

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.dossierColumns) FROM dossiers
                \(condition)
                ORDER BY created_at DESC, receipt_code
                LIMIT $\(page + 1) OFFSET $\(page + 2)
                """,
                values + [.integer(Int64(filter.limit)), .integer(Int64(max(filter.offset, 0)))],
                purpose: purpose,
                read: Self.dossier)
        }
    }

    /// Returns the WHERE clause (or an empty string) and its values for a listing of dossiers or
    /// reports; its parameters are numbered from $1.
    static func filterClause(_ filter: CaseFilter) -> (String, [PostgresValue]) {
        var conditions: [String] = []
        var values: [PostgresValue] = []
        if let status = filter.status {
            values.append(.text(status))
            conditions.append("status = $\(values.count)")
        }
        if let since = filter.since {
            values.append(.integer(since.epochMilliseconds))
            conditions.append("created_at >= $\(values.count)")
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (clause, values)
    }

    /// Inserts a dossier with its answers already encoded. A receipt code already stored throws `constraint`.
    static func insertDossier(_ dossier: Dossier, answers: Data, connection: PostgresConnection) throws {
        try connection.run(
            """
            INSERT INTO dossiers (receipt_code, flow_id, flow_version, channel, user_id, answers, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
                .text(dossier.receiptCode), .text(dossier.flowID), .text(dossier.flowVersion),
                .text(dossier.conversationID.channel.rawValue), .text(dossier.conversationID.userID),
                .bytea(answers), .text(dossier.status), .integer(dossier.createdAt.epochMilliseconds),
            ],
            purpose: "inserting dossier \(dossier.receiptCode)")
    }

    private static func dossier(from row: PostgresRow) throws -> Dossier {
        let receiptCode = row.text(0) ?? ""
        return Dossier(
            receiptCode: receiptCode,
            flowID: row.text(1) ?? "",
            flowVersion: row.text(2) ?? "",
            conversationID: ConversationID(
                channel: try channel(row.text(3), of: "dossier \(receiptCode)"), userID: row.text(4) ?? ""),
            answers: try StoredJSON.decode(
                [String: String].self, from: row.blob(5), purpose: "answers of dossier \(receiptCode)"),
            status: row.text(6) ?? "",
            createdAt: Date(epochMilliseconds: row.int64(7)))
    }
}
