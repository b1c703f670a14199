import Foundation

@testable import MotCuaPostgres

/// Read-only queries on the inbox, outbox and conversation claims of a two-instance test's schema,
/// for waiting on quiescence and for explaining a failure.
struct TwoInstanceDatabase {
    let url: String

    /// Counts inbox events not yet processed and outbox replies still pending, over all citizens.
    func pendingCounts() throws -> (inbox: Int, outbox: Int) {
        let connection = try PostgresConnection(conninfo: url, target: "the test schema")
        let rows = try connection.query(
            """
            SELECT (SELECT count(*) FROM inbox WHERE processed_at IS NULL),
                (SELECT count(*) FROM outbox WHERE status = 'pending')
            """,
            purpose: "counting pending rows"
        ) { row in (inbox: Int(row.int64(0)), outbox: Int(row.int64(1))) }
        return rows.first ?? (0, 0)
    }

    /// Counts delivered outbox replies by citizen id.
    func deliveredCounts() throws -> [String: Int] {
        let connection = try PostgresConnection(conninfo: url, target: "the test schema")
        let rows = try connection.query(
            "SELECT user_id, count(*) FROM outbox WHERE status = 'delivered' GROUP BY user_id",
            purpose: "counting delivered replies"
        ) { row in (row.text(0) ?? "", Int(row.int64(1))) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// Describes each inbox row, outbox row and conversation claim of the citizen in one line,
    /// oldest first.
    func describeRows(of userID: String) throws -> [String] {
        let connection = try PostgresConnection(conninfo: url, target: "the test schema")
        let inbox = try connection.query(
            "SELECT sequence, event_id, received_at, processed_at FROM inbox WHERE user_id = $1 ORDER BY sequence",
            [.text(userID)], purpose: "reading inbox rows"
        ) { row in
            "inbox \(row.int64(0)) \(row.text(1) ?? "") received \(row.int64(2))"
                + " processed \(row.text(3) ?? "NULL")"
        }
        let outbox = try connection.query(
            """
            SELECT id, status, attempts, next_attempt_at, claimed_until, delivered_at, last_error
            FROM outbox WHERE user_id = $1 ORDER BY id
            """,
            [.text(userID)], purpose: "reading outbox rows"
        ) { row in
            "outbox \(row.int64(0)) \(row.text(1) ?? "") attempts \(row.int64(2)) due \(row.int64(3))"
                + " claimed until \(row.text(4) ?? "NULL") delivered \(row.text(5) ?? "NULL")"
                + " error \(row.text(6) ?? "NULL")"
        }
        let claims = try connection.query(
            "SELECT owner, claimed_until FROM conversation_claims WHERE user_id = $1",
            [.text(userID)], purpose: "reading conversation claims"
        ) { row in "claim owner '\(row.text(0) ?? "")' until \(row.int64(1))" }
        return inbox + outbox + claims
    }
}
