import Foundation
import Testing

@testable import MotCuaStorage

struct SQLiteStatementTests {
    @Test(arguments: ["", "ASCII", "Tiếng Việt có dấu", "nul \u{0} inside", "emoji 👩‍💻"])
    func textRoundTrips(text: String) throws {
        let connection = try SQLiteConnection(path: ":memory:")

        let values = try connection.query("SELECT ?, typeof(?1)", [.text(text)], purpose: "echoing text") { row in
            (row.text(0), row.text(1))
        }

        #expect(values.first?.0 == text)
        #expect(values.first?.1 == "text")
    }

    @Test(arguments: [Data(), Data([0, 1, 2, 255])])
    func blobRoundTrips(data: Data) throws {
        let connection = try SQLiteConnection(path: ":memory:")

        let values = try connection.query("SELECT ?, typeof(?1)", [.blob(data)], purpose: "echoing a blob") { row in
            (row.blob(0), row.text(1))
        }

        #expect(values.first?.0 == data)
        #expect(values.first?.1 == "blob")
    }

    @Test func numbersAndNullRoundTrip() throws {
        let connection = try SQLiteConnection(path: ":memory:")

        let rows = try connection.query(
            "SELECT ?, ?, ?", [.integer(Int64.min), .real(0.1), .null], purpose: "echoing numbers"
        ) { row in
            (row.int64(0), row.double(1), row.optionalInt64(2), row.text(2))
        }

        #expect(rows.first?.0 == Int64.min)
        #expect(rows.first?.1 == 0.1)
        #expect(rows.first?.2 == nil)
        #expect(rows.first?.3 == nil)
    }

    @Test func errorNamesPurposeWithoutBoundValues() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.execute("CREATE TABLE item (name TEXT NOT NULL UNIQUE)", purpose: "creating table")
        try connection.run("INSERT INTO item (name) VALUES (?)", [.text("secret-value")], purpose: "inserting item")

        #expect {
            try connection.run("INSERT INTO item (name) VALUES (?)", [.text("secret-value")], purpose: "inserting item")
        } throws: { error in
            guard let error = error as? StorageError else {
                return false
            }
            return error.code == .constraint && error.message.contains("inserting item")
                && !error.message.contains("secret-value")
        }
    }

    @Test func invalidSQLThrowsQueryFailed() throws {
        let connection = try SQLiteConnection(path: ":memory:")

        #expect {
            try connection.run("SELEC 1", purpose: "running a typo")
        } throws: { error in
            (error as? StorageError)?.code == .queryFailed
        }
    }
}
