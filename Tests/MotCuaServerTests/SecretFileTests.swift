import Foundation
import MotCuaServer
import Testing

struct SecretFileTests {
    static let zaloBase = ["MOTCUA_ZALO_APP_ID": "APP", "MOTCUA_ZALO_ACCESS_TOKEN": "TOKEN"]

    static func secretFile(_ text: String, permissions: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-secret-\(UUID())").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        return path
    }

    @Test func fileVariableReadsSecret() throws {
        let path = try Self.secretFile("OA_SECRET_FROM_FILE\n", permissions: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var environment = Self.zaloBase
        environment["MOTCUA_ZALO_OA_SECRET_FILE"] = path

        let configuration = try Configuration.load(file: nil, environment: environment)
        #expect(configuration.zalo.oaSecret == "OA_SECRET_FROM_FILE")
        #expect(configuration.zalo.isEnabled)
    }

    @Test(arguments: [0o644, 0o640, 0o604])
    func readableByOthersRejected(permissions: Int) throws {
        let path = try Self.secretFile("SECRET_VALUE", permissions: permissions)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_TELEGRAM_TOKEN_FILE": path])
        }
        #expect(error?.key == "MOTCUA_TELEGRAM_TOKEN_FILE")
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("chmod 600") == true)
        #expect(error?.description.contains("SECRET_VALUE") == false)
    }

    @Test func missingFileRejected() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_ADMIN_TOKENS_FILE": "/nonexistent/motcua-tokens"])
        }
        #expect(error?.key == "MOTCUA_ADMIN_TOKENS_FILE")
        #expect(error?.message.contains("/nonexistent/motcua-tokens") == true)
    }

    @Test func emptyFileRejected() throws {
        let path = try Self.secretFile("\n", permissions: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_METRICS_TOKEN_FILE": path])
        }
        #expect(error?.key == "MOTCUA_METRICS_TOKEN_FILE")
    }

    @Test(arguments: ["OA_SECRET\r\n", "OA_SECRET\n", "OA_SECRET"])
    func trailingLineBreakRemoved(text: String) throws {
        let path = try Self.secretFile(text, permissions: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var environment = Self.zaloBase
        environment["MOTCUA_ZALO_OA_SECRET_FILE"] = path

        let configuration = try Configuration.load(file: nil, environment: environment)
        #expect(configuration.zalo.oaSecret == "OA_SECRET")
    }

    @Test(arguments: ["\r\n", ""])
    func lineBreakOnlyFileRejected(text: String) throws {
        let path = try Self.secretFile(text, permissions: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_METRICS_TOKEN_FILE": path])
        }
        #expect(error?.key == "MOTCUA_METRICS_TOKEN_FILE")
        #expect(error?.message.contains("rỗng") == true)
    }

    @Test func symbolicLinkRejectedWithTarget() throws {
        let target = try Self.secretFile("SECRET_VALUE", permissions: 0o600)
        let link = target + "-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        defer {
            try? FileManager.default.removeItem(atPath: link)
            try? FileManager.default.removeItem(atPath: target)
        }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["MOTCUA_METRICS_TOKEN_FILE": link])
        }
        #expect(error?.key == "MOTCUA_METRICS_TOKEN_FILE")
        #expect(error?.message.contains("liên kết tượng trưng") == true)
        #expect(error?.message.contains(target) == true)
        #expect(error?.description.contains("SECRET_VALUE") == false)
    }

    @Test func variableAndFileTogetherRejected() throws {
        let path = try Self.secretFile("A", permissions: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(
                file: nil, environment: ["MOTCUA_METRICS_TOKEN": "B", "MOTCUA_METRICS_TOKEN_FILE": path])
        }
        #expect(error?.key == "MOTCUA_METRICS_TOKEN_FILE")
    }

    @Test func everySecretHasFileVariable() {
        let secrets = ConfigurationKey.all.filter(\.isSecret)
        #expect(secrets.count >= 10)
        for key in secrets {
            #expect(key.fileVariable == (key.environment.map { $0 + "_FILE" }), "\(key.name)")
        }
    }
}
