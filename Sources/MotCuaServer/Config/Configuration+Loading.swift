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

    private static var fileKeys: [String: WritableKeyPath<Configuration, String>] {
        [
            "listen": \.listenAddress, "database": \.databaseURL, "templates": \.templatesFolder,
            "log.level": \.logLevel, "log.format": \.logFormat,
            "zalo.app_id": \.zalo.appID, "zalo.oa_id": \.zalo.oaID,
            "zalo.signature_first_term": \.zalo.signatureFirstTerm, "zalo.api_base": \.zalo.apiBase,
            "zalo.oauth_base": \.zalo.oauthBase,
            "telegram.api_base": \.telegram.apiBase, "messenger.api_base": \.messenger.apiBase,
            "messenger.api_version": \.messenger.apiVersion,
        ]
    }

    private static var fileIntegerKeys: [String: WritableKeyPath<Configuration, Int>] {
        [
            "http.threads": \.httpThreads, "http.max_connections": \.httpMaxConnections,
            "http.request_timeout_seconds": \.httpRequestTimeoutSeconds, "http.max_body_bytes": \.httpMaxBodyBytes,
            "processing.lanes": \.processingLanes, "outbox.max_attempts": \.outboxMaxAttempts,
            "retry.options_after": \.retryOptionsAfter, "retry.official_after": \.retryOfficialAfter,
            "drafts.resume_after_minutes": \.draftResumeAfterMinutes, "drafts.keep_days": \.draftKeepDays,
            "zalo.window_days": \.zalo.windowDays, "messenger.window_hours": \.messenger.windowHours,
        ]
    }

    private static var fileNumberKeys: [String: WritableKeyPath<Configuration, Double>] {
        [
            "outbox.retry_base_seconds": \.outboxRetryBaseSeconds, "outbox.retry_max_seconds": \.outboxRetryMaxSeconds,
            "outbox.lease_seconds": \.outboxLeaseSeconds,
            "outbound.connect_timeout_seconds": \.outboundConnectTimeoutSeconds,
            "outbound.timeout_seconds": \.outboundTimeoutSeconds,
            "limits.zalo.per_second": \.limits.zalo.perSecond, "limits.zalo.burst": \.limits.zalo.burst,
            "limits.telegram.per_second": \.limits.telegram.perSecond,
            "limits.telegram.burst": \.limits.telegram.burst,
            "limits.messenger.per_second": \.limits.messenger.perSecond,
            "limits.messenger.burst": \.limits.messenger.burst,
        ]
    }

    static var environmentKeys: [String: WritableKeyPath<Configuration, String>] {
        [
            "MOTCUA_LISTEN": \.listenAddress, "MOTCUA_DATABASE": \.databaseURL, "MOTCUA_TEMPLATES": \.templatesFolder,
            "MOTCUA_LOG_LEVEL": \.logLevel, "MOTCUA_LOG_FORMAT": \.logFormat,
            "MOTCUA_ZALO_APP_ID": \.zalo.appID, "MOTCUA_ZALO_OA_ID": \.zalo.oaID,
            "MOTCUA_ZALO_OA_SECRET": \.zalo.oaSecret, "MOTCUA_ZALO_ACCESS_TOKEN": \.zalo.accessToken,
            "MOTCUA_ZALO_API_BASE": \.zalo.apiBase, "MOTCUA_ZALO_REFRESH_TOKEN": \.zalo.refreshToken,
            "MOTCUA_ZALO_APP_SECRET": \.zalo.appSecret, "MOTCUA_ZALO_OAUTH_BASE": \.zalo.oauthBase,
            "MOTCUA_ZALO_SIGNATURE_FIRST_TERM": \.zalo.signatureFirstTerm,
            "MOTCUA_TELEGRAM_TOKEN": \.telegram.token, "MOTCUA_TELEGRAM_SECRET": \.telegram.secretToken,
            "MOTCUA_TELEGRAM_API_BASE": \.telegram.apiBase,
            "MOTCUA_MESSENGER_APP_SECRET": \.messenger.appSecret,
            "MOTCUA_MESSENGER_VERIFY_TOKEN": \.messenger.verifyToken,
            "MOTCUA_MESSENGER_PAGE_TOKEN": \.messenger.pageToken, "MOTCUA_MESSENGER_API_BASE": \.messenger.apiBase,
            "MOTCUA_ADMIN_TOKENS": \.adminTokens,
        ]
    }

    /// Keys that hold secrets: accepted only from the environment.
    static let secretFileKeys: Set<String> = [
        "zalo.oa_secret", "zalo.access_token", "zalo.refresh_token", "zalo.app_secret", "admin.tokens",
        "telegram.token", "telegram.secret", "messenger.app_secret", "messenger.verify_token", "messenger.page_token",
    ]

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
        for (key, node) in flat {
            if Self.secretFileKeys.contains(key) {
                throw ConfigurationError(
                    key: key, message: "khóa bí mật chỉ đọc từ biến môi trường; xóa dòng này khỏi tệp")
            }
            guard let text = node.scalar else {
                throw ConfigurationError(key: key, message: "dòng \(node.line): cần một giá trị đơn")
            }
            if try applyBroadcastKey(key, text) {
                continue
            } else if let path = Self.fileKeys[key] {
                self[keyPath: path] = text
            } else if let path = Self.fileIntegerKeys[key] {
                guard let value = Int(text), value > 0 else {
                    throw ConfigurationError(key: key, message: "'\(text)' không phải số nguyên dương")
                }
                self[keyPath: path] = value
            } else if key == "limits.per_recipient_per_second" {
                guard let value = Double(text), value >= 0, value.isFinite else {
                    throw ConfigurationError(key: key, message: "'\(text)' không phải số không âm; 0 để tắt giới hạn")
                }
                limits.perRecipientPerSecond = value
            } else if let path = Self.fileNumberKeys[key] {
                guard let value = Double(text), value > 0 else {
                    throw ConfigurationError(key: key, message: "'\(text)' không phải số dương")
                }
                self[keyPath: path] = value
            } else {
                throw ConfigurationError(
                    key: key, message: "dòng \(node.line): khóa không tồn tại; xem docs/cau-hinh.md")
            }
        }
    }

    mutating func apply(environment: [String: String]) throws {
        for (name, path) in Self.environmentKeys {
            if let value = environment[name], !value.isEmpty { self[keyPath: path] = value }
        }
    }

    func validate() throws {
        if listenHost == "invalid" || listenHost.isEmpty {
            throw ConfigurationError(
                key: "listen", message: "địa chỉ không hợp lệ; viết host:cổng, ví dụ 127.0.0.1:8080 hoặc 0.0.0.0:8080")
        }
        if databasePath.hasPrefix("postgres://") || databasePath.hasPrefix("postgresql://") {
            throw ConfigurationError(
                key: "database",
                message: "chưa hỗ trợ PostgreSQL; dùng sqlite:ĐƯỜNG_DẪN, ví dụ sqlite:data/motcua.sqlite")
        }
        if databasePath.isEmpty {
            throw ConfigurationError(key: "database", message: "thiếu đường dẫn; dùng sqlite:ĐƯỜNG_DẪN")
        }
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

    /// `sqlite:PATH`, or a bare path.
    var databaseURL: String {
        get { "sqlite:\(databasePath)" }
        set { databasePath = newValue.hasPrefix("sqlite:") ? String(newValue.dropFirst(7)) : newValue }
    }
}
