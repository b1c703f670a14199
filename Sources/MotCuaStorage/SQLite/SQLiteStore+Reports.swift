import Foundation
import MotCuaCore

extension SQLiteStore {
    private static let reportColumns =
        "ticket, category, description, photo_urls, location, address, commune, contact, channel, user_id, status, "
        + "created_at"

    public func report(ticket: String) throws -> FieldReport? {
        let purpose = "reading report \(ticket)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.reportColumns) FROM reports WHERE ticket = ?", [.text(ticket)], purpose: purpose,
                read: Self.report
            ).first
        }
    }

    public func reports(matching filter: CaseFilter) throws -> [FieldReport] {
        guard filter.limit > 0 else {
            return []
        }
        let purpose = "listing reports"
        let (condition, values) = Self.filterClause(filter)

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.reportColumns) FROM reports
                \(condition)
                ORDER BY created_at DESC, ticket
                LIMIT ? OFFSET ?
                """,
                values + [.integer(Int64(filter.limit)), .integer(Int64(max(filter.offset, 0)))],
                purpose: purpose,
                read: Self.report)
        }
    }

    /// Returns the WHERE clause (or an empty string) and its values for a listing of dossiers or reports.
    static func filterClause(_ filter: CaseFilter) -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let status = filter.status {
            conditions.append("status = ?")
            values.append(.text(status))
        }
        if let since = filter.since {
            conditions.append("created_at >= ?")
            values.append(.integer(since.epochMilliseconds))
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (clause, values)
    }

    /// Inserts a report with its photo URLs already encoded. A ticket already stored throws `constraint`.
    static func insertReport(_ report: FieldReport, photoURLs: Data, connection: SQLiteConnection) throws {
        try connection.run(
            """
            INSERT INTO reports (ticket, category, description, photo_urls, location, address, commune, contact,
                channel, user_id, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(report.ticket), .text(report.category), .text(report.description), .blob(photoURLs),
                .text(report.location), .text(report.address), .text(report.commune), .text(report.contact),
                .text(report.conversationID.channel.rawValue), .text(report.conversationID.userID),
                .text(report.status), .integer(report.createdAt.epochMilliseconds),
                .integer(report.createdAt.epochMilliseconds),
            ],
            purpose: "inserting report \(report.ticket)")
    }

    private static func report(from row: SQLiteStatement) throws -> FieldReport {
        let ticket = row.text(0) ?? ""
        let channelName = row.text(8) ?? ""
        guard let channel = ChannelKind(rawValue: channelName) else {
            throw StorageError(.decodeFailed, "report \(ticket) has unknown channel '\(channelName)'")
        }

        return FieldReport(
            ticket: ticket,
            category: row.text(1) ?? "",
            description: row.text(2) ?? "",
            photoURLs: try StoredJSON.decode(
                [String].self, from: row.blob(3), purpose: "photo URLs of report \(ticket)"),
            location: row.text(4),
            address: row.text(5),
            commune: row.text(6),
            contact: row.text(7),
            conversationID: ConversationID(channel: channel, userID: row.text(9) ?? ""),
            status: row.text(10) ?? "",
            createdAt: Date(epochMilliseconds: row.int64(11)))
    }
}
