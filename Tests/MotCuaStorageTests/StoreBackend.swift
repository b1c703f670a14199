import Foundation
import MotCuaStorage
import Testing

@testable import MotCuaPostgres

/// A `Store` implementation that store tests run against.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// SQLite always; PostgreSQL when MOTCUA_TEST_POSTGRES names a server, as `make test` does.
    static let all: [StoreBackend] = {
        guard PostgresSchema.serverURL != nil else {
            FileHandle.standardError.write(
                Data(
                    "NOTE: MOTCUA_TEST_POSTGRES is not set, so store tests run on SQLite only; `make test` sets it.\n"
                        .utf8))
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()
}

/// A schema of its own on the test server for each test, so tests never see each other's rows.
enum PostgresSchema {
    /// The server from MOTCUA_TEST_POSTGRES, such as postgres://motcua@127.0.0.1:25432/motcua_test.
    static var serverURL: String? {
        let url = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES"] ?? ""
        return url.isEmpty ? nil : url
    }

    /// Creates an empty schema and returns its name and a URL whose connections use it.
    static func create() throws -> (name: String, url: String) {
        guard let serverURL else {
            throw StorageError(.connectionFailed, "MOTCUA_TEST_POSTGRES is not set")
        }
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let connection = try PostgresConnection(conninfo: serverURL, target: "the test server")
        try connection.execute("CREATE SCHEMA \(name)", purpose: "creating schema \(name)")
        let separator = serverURL.contains("?") ? "&" : "?"
        return (name, "\(serverURL)\(separator)options=-csearch_path%3D\(name)")
    }

    static func drop(_ name: String) {
        guard let serverURL, let connection = try? PostgresConnection(conninfo: serverURL, target: "the test server")
        else { return }
        try? connection.execute("DROP SCHEMA \(name) CASCADE", purpose: "dropping schema \(name)")
    }

    /// Runs `body` with a store on a fresh schema, then closes the store and drops the schema.
    static func withStore(_ body: (PostgresStore) throws -> Void) throws {
        let schema = try create()
        defer { drop(schema.name) }
        let store = try PostgresStore(url: schema.url, poolSize: 4)
        defer { store.close() }
        try body(store)
    }
}
