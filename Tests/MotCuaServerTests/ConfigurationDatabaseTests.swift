import Foundation
import Testing

@testable import MotCuaServer

struct ConfigurationDatabaseTests {
    @Test func postgresURLFromEnvironmentSelectsPostgres() throws {
        let url = "postgres://motcua:mat-khau-bi-mat@10.0.0.5:5432/motcua"
        let configuration = try Configuration.load(file: nil, environment: ["MOTCUA_DATABASE": url])

        #expect(configuration.postgresURL == url)
        #expect(configuration.databaseDescription == "postgres://10.0.0.5:5432/motcua")
    }

    @Test func postgresURLAndPoolSizeFromFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-db-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("database: postgresql://motcua@127.0.0.1/motcua\ndatabase.pool_size: 3\n".utf8)
            .write(to: URL(fileURLWithPath: file))

        let configuration = try Configuration.load(file: file, environment: [:])

        #expect(configuration.postgresURL == "postgresql://motcua@127.0.0.1/motcua")
        #expect(configuration.databasePoolSize == 3)
    }

    @Test func sqliteInEnvironmentOverridesPostgresInFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-db-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("database: postgres://motcua@127.0.0.1/motcua\n".utf8).write(to: URL(fileURLWithPath: file))

        let configuration = try Configuration.load(
            file: file, environment: ["MOTCUA_DATABASE": "sqlite:/tmp/motcua-test.sqlite"])

        #expect(configuration.postgresURL == nil)
        #expect(configuration.databasePath == "/tmp/motcua-test.sqlite")
    }

    @Test func invalidPostgresURLErrorHidesPassword() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_DATABASE": "postgres://user:hemmelig@/"])
        }

        #expect(error?.key == "database")
        #expect(!"\(error.map { "\($0)" } ?? "")".contains("hemmelig"))
    }

    @Test(arguments: [0, 1_001])
    func poolSizeOutOfRangeRejected(size: Int) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-db-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("database.pool_size: \(size)\n".utf8).write(to: URL(fileURLWithPath: file))

        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key == "database.pool_size")
    }
}
