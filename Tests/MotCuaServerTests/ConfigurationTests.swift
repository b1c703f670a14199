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

    @Test func refreshTokenReplacesAccessToken() throws {
        let environment = [
            "MOTCUA_ZALO_APP_ID": "APP", "MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_REFRESH_TOKEN": "R",
            "MOTCUA_ZALO_APP_SECRET": "A", "MOTCUA_ZALO_OAUTH_BASE": "http://127.0.0.1:9",
        ]
        let configuration = try Configuration.load(file: nil, environment: environment)
        #expect(configuration.zalo.canRefresh)
        #expect(configuration.zalo.accessToken.isEmpty)
        #expect(configuration.zalo.oauthBase == "http://127.0.0.1:9")
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
        (["MOTCUA_DATABASE": "postgres:///motcua"], "database"),
        (["MOTCUA_DATABASE": "postgres://db.example"], "database"),
        (["MOTCUA_DATABASE": "mysql://db.example/motcua"], "database"),
        (["MOTCUA_LOG_LEVEL": "loud"], "log.level"),
        (["MOTCUA_LOG_FORMAT": "xml"], "log.format"),
        (["MOTCUA_ZALO_SIGNATURE_FIRST_TERM": "user_id"], "zalo.signature_first_term"),
        (["MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_ACCESS_TOKEN": "T"], "MOTCUA_ZALO_APP_ID"),
        (["MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_APP_ID": "APP"], "MOTCUA_ZALO_ACCESS_TOKEN"),
        (
            [
                "MOTCUA_ZALO_OA_SECRET": "SECRET", "MOTCUA_ZALO_APP_ID": "APP", "MOTCUA_ZALO_ACCESS_TOKEN": "T",
                "MOTCUA_ZALO_REFRESH_TOKEN": "R",
            ], "MOTCUA_ZALO_APP_SECRET"
        ),
        (["MOTCUA_ZALO_OAUTH_BASE": "oauth.zalo.example"], "zalo.oauth_base"),
        (["MOTCUA_TELEGRAM_SECRET": "S"], "MOTCUA_TELEGRAM_TOKEN"),
        (["MOTCUA_TELEGRAM_API_BASE": "ftp://api.example"], "telegram.api_base"),
        (["MOTCUA_MESSENGER_APP_SECRET": "S", "MOTCUA_MESSENGER_PAGE_TOKEN": "P"], "MOTCUA_MESSENGER_VERIFY_TOKEN"),
        (["MOTCUA_MESSENGER_APP_SECRET": "S", "MOTCUA_MESSENGER_VERIFY_TOKEN": "V"], "MOTCUA_MESSENGER_PAGE_TOKEN"),
        (["MOTCUA_MESSENGER_API_BASE": "graph.example"], "messenger.api_base"),
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

    @Test func channelVariablesEnableChannels() throws {
        let configuration = try Configuration.load(
            file: nil,
            environment: [
                "MOTCUA_TELEGRAM_TOKEN": "123:T", "MOTCUA_TELEGRAM_SECRET": "S",
                "MOTCUA_TELEGRAM_API_BASE": "http://127.0.0.1:9", "MOTCUA_MESSENGER_APP_SECRET": "A",
                "MOTCUA_MESSENGER_VERIFY_TOKEN": "V", "MOTCUA_MESSENGER_PAGE_TOKEN": "P",
                "MOTCUA_MESSENGER_API_BASE": "http://127.0.0.1:10",
            ])
        #expect(configuration.telegram.isEnabled)
        #expect(configuration.telegram.token == "123:T")
        #expect(configuration.telegram.apiBase == "http://127.0.0.1:9")
        #expect(configuration.messenger.isEnabled)
        #expect(configuration.messenger.pageToken == "P")
        #expect(configuration.messenger.apiBase == "http://127.0.0.1:10")
        #expect(configuration.messenger.windowHours == 24)
    }

    @Test(arguments: ["telegram:\n  token: abc\n", "messenger:\n  page_token: abc\n"])
    func channelSecretInFileRejected(yaml: String) throws {
        let file = try Self.write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key.hasSuffix("token") == true)
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
