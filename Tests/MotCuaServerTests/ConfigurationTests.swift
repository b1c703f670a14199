import Foundation
import MotCuaServer
import Testing

struct ConfigurationTests {
    static let zaloEnvironment = [
        "MOTCUA_ZALO_APP_ID": "APP", "MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN",
    ]

    @Test func defaultsWithoutFileOrEnvironment() throws {
        let configuration = try Configuration.load(file: nil, environment: [:])
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8080)
        #expect(configuration.databasePath == "data/motcua.sqlite")
        #expect(!configuration.zalo.isEnabled)
    }

    @Test func environmentWinsOverFile() throws {
        let file = try Self.write("listen: 0.0.0.0:9000\nlog:\n  level: debug\nprocessing:\n  lanes: 8\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let configuration = try Configuration.load(file: file, environment: ["MOTCUA_LISTEN": "127.0.0.1:7000"])
        #expect(configuration.listenPort == 7000)
        #expect(configuration.logLevel == "debug")
        #expect(configuration.processingLanes == 8)
    }

    @Test(arguments: [
        (["MOTCUA_LISTEN": "8080"], "listen"),
        (["MOTCUA_LISTEN": "localhost:99999"], "listen"),
        (["MOTCUA_DATABASE": "postgres://db/motcua"], "database"),
        (["MOTCUA_LOG_LEVEL": "loud"], "log.level"),
        (["MOTCUA_LOG_FORMAT": "xml"], "log.format"),
        (["MOTCUA_ZALO_SIGNATURE_FIRST_TERM": "user_id"], "zalo.signature_first_term"),
        (["MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_ACCESS_TOKEN": "T"], "MOTCUA_ZALO_APP_ID"),
        (["MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_APP_ID": "APP"], "MOTCUA_ZALO_ACCESS_TOKEN"),
    ])
    func invalidValueNamesKey(environment: [String: String], key: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: environment)
        }
        #expect(error?.key == key)
    }

    @Test func secretInFileRejected() throws {
        let file = try Self.write("zalo:\n  oa_secret: abc\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key == "zalo.oa_secret")
        #expect(error?.description.contains("abc") == false)
    }

    @Test func unknownFileKeyRejected() throws {
        let file = try Self.write("listen: 127.0.0.1:8080\nlisten_port: 9\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key == "listen_port")
    }

    @Test func ipv6ListenAddress() throws {
        let configuration = try Configuration.load(file: nil, environment: ["MOTCUA_LISTEN": "[::1]:8081"])
        #expect(configuration.listenHost == "::1")
        #expect(configuration.listenPort == 8081)
    }

    @Test func zaloEnabledBySecret() throws {
        let configuration = try Configuration.load(file: nil, environment: Self.zaloEnvironment)
        #expect(configuration.zalo.isEnabled)
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-\(UUID()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
