import Foundation
import MotCuaCore

extension SQLiteStore {
    private static let dossierColumns =
        "receipt_code, flow_id, flow_version, channel, user_id, answers, status, created_at"

    public func dossier(receiptCode: String) throws -> Dossier? {
        let purpose = "reading dossier \(receiptCode)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.dossierColumns) FROM dossiers WHERE receipt_code = ?", [.text(receiptCode)],
                purpose: purpose, read: Self.dossier
            ).first
        }
    }

    /// Returns the conversation's dossiers, oldest first.
    public func dossiers(for id: ConversationID) throws -> [Dossier] {
        let purpose = "reading dossiers of conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.dossierColumns) FROM dossiers
                WHERE channel = ? AND user_id = ?
                ORDER BY created_at, rowid
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

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.dossierColumns) FROM dossiers
                \(condition)
                ORDER BY created_at DESC, receipt_code
                LIMIT ? OFFSET ?
                """,
                values + [.integer(Int64(filter.limit)), .integer(Int64(max(filter.offset, 0)))],
                purpose: purpose,
                read: Self.dossier)
        }
    }

    /// Inserts a dossier with its answers already encoded. A receipt code already stored throws `constraint`.
    static func insertDossier(_ dossier: Dossier, answers: Data, connection: SQLiteConnection) throws {
        try connection.run(
            """
            INSERT INTO dossiers (receipt_code, flow_id, flow_version, channel, user_id, answers, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(dossier.receiptCode), .text(dossier.flowID), .text(dossier.flowVersion),
                .text(dossier.conversationID.channel.rawValue), .text(dossier.conversationID.userID),
                .blob(answers), .text(dossier.status), .integer(dossier.createdAt.epochMilliseconds),
            ],
            purpose: "inserting dossier \(dossier.receiptCode)")
    }

    private static func dossier(from row: SQLiteStatement) throws -> Dossier {
        let receiptCode = row.text(0) ?? ""
        let channelName = row.text(3) ?? ""
        guard let channel = ChannelKind(rawValue: channelName) else {
            throw StorageError(.decodeFailed, "dossier \(receiptCode) has unknown channel '\(channelName)'")
        }

        return Dossier(
            receiptCode: receiptCode,
            flowID: row.text(1) ?? "",
            flowVersion: row.text(2) ?? "",
            conversationID: ConversationID(channel: channel, userID: row.text(4) ?? ""),
            answers: try StoredJSON.decode(
                [String: String].self, from: row.blob(5), purpose: "answers of dossier \(receiptCode)"),
            status: row.text(6) ?? "",
            createdAt: Date(epochMilliseconds: row.int64(7)))
    }
}
