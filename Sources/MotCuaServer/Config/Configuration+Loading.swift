import Foundation
import MotCuaCore
import MotCuaYAML

extension Configuration {
    /// Builds the configuration from an optional YAML file and the environment.
    public static func load(file: String?, environment: [String: String]) throws -> Configuration {
        var config = Configuration()
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError(key: "--config", message: "không đọc được '\(file)'; kiểm tra đường dẫn")
            }
            let root: DocumentNode
            do {
                root = try YAMLParser.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw ConfigurationError(key: file, message: "YAML không hợp lệ: \(error)")
            }
            try config.apply(document: root)
        }
        try config.apply(environment: environment)
        try config.validate()
        return config
    }

    mutating func apply(document root: DocumentNode) throws {
        var flat: [(key: String, value: DocumentNode)] = []
        func walk(_ node: DocumentNode, _ prefix: String) {
            if let pairs = node.mapping {
                for (key, value) in pairs { walk(value, prefix.isEmpty ? key : "\(prefix).\(key)") }
            } else {
                flat.append((prefix, node))
            }
        }
        walk(root, "")
        for (name, node) in flat {
            guard let key = ConfigurationKey.named(name) else {
                throw ConfigurationError(
                    key: name, message: "dòng \(node.line): khóa không tồn tại; xem docs/cau-hinh.md")
            }
            if key.isSecret {
                let variable = key.environment ?? "biến môi trường"
                throw ConfigurationError(
                    key: name,
                    message:
                        "khóa bí mật chỉ đọc từ biến môi trường \(variable) hoặc tệp trong \(variable)_FILE; "
                        + "xóa dòng này khỏi tệp")
            }
            guard let text = node.scalar else {
                throw ConfigurationError(key: name, message: "dòng \(node.line): cần một giá trị đơn")
            }
            try set(key, to: text, source: name)
        }
    }

    mutating func apply(environment: [String: String]) throws {
        for key in ConfigurationKey.all {
            guard let variable = key.environment else { continue }
            let direct = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
            if let fileVariable = key.fileVariable, let path = environment[fileVariable], !path.isEmpty {
                if direct != nil {
                    throw ConfigurationError(
                        key: fileVariable, message: "đặt cùng lúc với \(variable); chỉ giữ một trong hai biến")
                }
                try set(key, to: try Self.readSecretFile(path, variable: fileVariable), source: fileVariable)
            } else if let direct {
                try set(key, to: direct, source: variable)
            }
        }
    }

    /// Parses `text` for `key` and stores it; `source` names the YAML key or variable in errors.
    private mutating func set(_ key: ConfigurationKey, to text: String, source: String) throws {
        switch (ConfigurationKey.storage[key.name], key.value) {
        case (.text(let path)?, _):
            self[keyPath: path] = text
        case (.integer(let path)?, .integer(let minimum)):
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= minimum else {
                let expected = minimum == 0 ? "số nguyên không âm" : "số nguyên từ \(minimum) trở lên"
                throw ConfigurationError(key: source, message: "'\(text)' không hợp lệ; cần \(expected)")
            }
            self[keyPath: path] = value
        case (.custom(let apply, _)?, _):
            try apply(&self, source, text)
        case (.number(let path)?, .number(let minimum, let exclusive)):
            let parsed = Double(text.trimmingCharacters(in: .whitespaces))
            guard let value = parsed, value.isFinite, exclusive ? value > minimum : value >= minimum else {
                let bound = ConfigurationKey.format(minimum)
                let expected = exclusive ? "một số lớn hơn \(bound)" : "một số từ \(bound) trở lên"
                throw ConfigurationError(key: source, message: "'\(text)' không hợp lệ; cần \(expected)")
            }
            self[keyPath: path] = value
        default:
            preconditionFailure("configuration key \(key.name) has no matching storage")
        }
    }

    func validate() throws {
        if listenHost == "invalid" || listenHost.isEmpty {
            throw ConfigurationError(
                key: "listen", message: "địa chỉ không hợp lệ; viết host:cổng, ví dụ 127.0.0.1:8080 hoặc 0.0.0.0:8080")
        }
        try validateDatabase()
        if Logger.Level(name: logLevel) == nil {
            let levels = Logger.Level.allCases.map(\.name).joined(separator: ", ")
            throw ConfigurationError(key: "log.level", message: "'\(logLevel)' không hợp lệ; dùng một trong: \(levels)")
        }
        if !["logfmt", "json"].contains(logFormat.lowercased()) {
            throw ConfigurationError(key: "log.format", message: "'\(logFormat)' không hợp lệ; dùng logfmt hoặc json")
        }
        if !["app_id", "oa_id"].contains(zalo.signatureFirstTerm) {
            throw ConfigurationError(
                key: "zalo.signature_first_term",
                message: "'\(zalo.signatureFirstTerm)' không hợp lệ; dùng app_id hoặc oa_id")
        }
        if zalo.isEnabled && zalo.appID.isEmpty && zalo.signatureFirstTerm == "app_id" {
            throw ConfigurationError(
                key: "MOTCUA_ZALO_APP_ID", message: "chưa đặt; chữ ký Zalo bắt đầu bằng app id")
        }
        if zalo.isEnabled && zalo.oaID.isEmpty && zalo.signatureFirstTerm == "oa_id" {
            throw ConfigurationError(key: "MOTCUA_ZALO_OA_ID", message: "chưa đặt; chữ ký Zalo bắt đầu bằng id của OA")
        }
        if retryOfficialAfter < retryOptionsAfter {
            throw ConfigurationError(
                key: "retry.official_after",
                message:
                    "\(retryOfficialAfter) nhỏ hơn retry.options_after (\(retryOptionsAfter)); hãy tăng giá trị này")
        }
        _ = try AdminTokens(parsing: adminTokens)
        try Self.validateAPIBase(zalo.apiBase, key: "zalo.api_base", example: "https://openapi.zalo.me")
        try Self.validateAPIBase(telegram.apiBase, key: "telegram.api_base", example: "https://api.telegram.org")
        try Self.validateAPIBase(messenger.apiBase, key: "messenger.api_base", example: "https://graph.facebook.com")
        try Self.validateAPIBase(zalo.oauthBase, key: "zalo.oauth_base", example: "https://oauth.zaloapp.com")
        try validateLimits()
        try validateBroadcast()
        try validateTelegram()
        try validateMessenger()
        try validateZaloRefresh()
        if zalo.isEnabled && zalo.accessToken.isEmpty && !zalo.canRefresh {
            throw ConfigurationError(
                key: "MOTCUA_ZALO_ACCESS_TOKEN", message: "chưa đặt; kênh Zalo cần access token của OA để trả lời"
            )
        }
    }

    private static func validateAPIBase(_ value: String, key: String, example: String) throws {
        let lowercased = value.lowercased()
        if !(lowercased.hasPrefix("https://") || lowercased.hasPrefix("http://")) || URL(string: value)?.host == nil {
            throw ConfigurationError(
                key: key, message: "'\(value)' không phải địa chỉ http(s) hợp lệ; ví dụ \(example)")
        }
    }

    /// `host:port`; an IPv6 host is written in brackets, e.g. `[::1]:8080`.
    var listenAddress: String {
        get { "\(listenHost):\(listenPort)" }
        set {
            guard let colon = newValue.lastIndex(of: ":"), colon != newValue.startIndex,
                let port = UInt16(newValue[newValue.index(after: colon)...])
            else {
                listenHost = "invalid"
                listenPort = 0
                return
            }
            let host = newValue[..<colon]
            listenHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host)
            listenPort = port
        }
    }

    /// `sqlite:PATH`, a bare path, or a `postgres://` or `postgresql://` URL.
    var databaseURL: String {
        get { postgresURL ?? "sqlite:\(databasePath)" }
        set {
            if newValue.hasPrefix("postgres://") || newValue.hasPrefix("postgresql://") {
                postgresURL = newValue
            } else {
                postgresURL = nil
                databasePath = newValue.hasPrefix("sqlite:") ? String(newValue.dropFirst(7)) : newValue
            }
        }
    }
}
