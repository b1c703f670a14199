import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    private static let reportColumns =
        "ticket, category, description, photo_urls, location, address, commune, contact, channel, user_id, status, "
        + "created_at"

    public func report(ticket: String) throws -> FieldReport? {
        let purpose = "reading report \(ticket)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT \(Self.reportColumns) FROM reports WHERE ticket = $1", [.text(ticket)], purpose: purpose,
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
        let page = values.count

        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT \(Self.reportColumns) FROM reports
                \(condition)
                ORDER BY created_at DESC, ticket
                LIMIT $\(page + 1) OFFSET $\(page + 2)
                """,
                values + [.integer(Int64(filter.limit)), .integer(Int64(max(filter.offset, 0)))],
                purpose: purpose,
                read: Self.report)
        }
    }

    /// Inserts a report with its photo URLs already encoded. A ticket already stored throws `constraint`.
    static func insertReport(_ report: FieldReport, photoURLs: Data, connection: PostgresConnection) throws {
        try connection.run(
            """
            INSERT INTO reports (ticket, category, description, photo_urls, location, address, commune, contact,
                channel, user_id, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
            """,
            [
                .text(report.ticket), .text(report.category), .text(report.description), .bytea(photoURLs),
                .text(report.location), .text(report.address), .text(report.commune), .text(report.contact),
                .text(report.conversationID.channel.rawValue), .text(report.conversationID.userID),
                .text(report.status), .integer(report.createdAt.epochMilliseconds),
            ],
            purpose: "inserting report \(report.ticket)")
    }

    private static func report(from row: PostgresRow) throws -> FieldReport {
        let ticket = row.text(0) ?? ""
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
            conversationID: ConversationID(
                channel: try channel(row.text(8), of: "report \(ticket)"), userID: row.text(9) ?? ""),
            status: row.text(10) ?? "",
            createdAt: Date(epochMilliseconds: row.int64(11)))
    }
}
