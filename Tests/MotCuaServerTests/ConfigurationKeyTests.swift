import Foundation
import MotCuaServer
import Testing

/// Checks every key of `ConfigurationKey.all`: a bad value stops loading with the key's name,
/// and docs/cau-hinh.md describes it.
struct ConfigurationKeyTests {
    /// A bad value for each key, written where the key is read from, with the error key expected.
    /// nil marks a key that takes any text; such a key is checked only later, at start-up.
    static let badValues: [String: (source: Source, value: String, errorKey: String)?] = [
        "listen": (.environment, "8080", "listen"),
        "database": (.environment, "sqlite:", "database"),
        "templates": nil,
        "log.level": (.environment, "loud", "log.level"),
        "log.format": (.file, "xml", "log.format"),
        "http.threads": (.file, "0", "http.threads"),
        "http.max_connections": (.file, "-4", "http.max_connections"),
        "http.request_timeout_seconds": (.file, "ba mươi", "http.request_timeout_seconds"),
        "http.max_body_bytes": (.file, "1.5", "http.max_body_bytes"),
        "processing.lanes": (.file, "0", "processing.lanes"),
        "processing.claim_lease_seconds": (.file, "0", "processing.claim_lease_seconds"),
        "database.pool_size": (.file, "0", "database.pool_size"),
        "outbox.max_attempts": (.file, "0", "outbox.max_attempts"),
        "outbox.retry_base_seconds": (.file, "0", "outbox.retry_base_seconds"),
        "outbox.retry_max_seconds": (.file, "-1", "outbox.retry_max_seconds"),
        "outbox.lease_seconds": (.file, "nan", "outbox.lease_seconds"),
        "outbound.connect_timeout_seconds": (.file, "x", "outbound.connect_timeout_seconds"),
        "outbound.timeout_seconds": (.file, "0", "outbound.timeout_seconds"),
        "limits.zalo.per_second": (.file, "0", "limits.zalo.per_second"),
        "limits.zalo.burst": (.file, "0.5", "limits.zalo.burst"),
        "limits.telegram.per_second": (.file, "inf", "limits.telegram.per_second"),
        "limits.telegram.burst": (.file, "0", "limits.telegram.burst"),
        "limits.messenger.per_second": (.file, "-40", "limits.messenger.per_second"),
        "limits.messenger.burst": (.file, "x", "limits.messenger.burst"),
        "limits.per_recipient_per_second": (.file, "-1", "limits.per_recipient_per_second"),
        "retry.options_after": (.file, "5", "retry.official_after"),
        "retry.official_after": (.file, "0", "retry.official_after"),
        "drafts.resume_after_minutes": (.file, "0", "drafts.resume_after_minutes"),
        "retention.drafts": (.file, "0", "retention.drafts"),
        "retention.history": (.file, "-1", "retention.history"),
        "retention.cases": (.file, "một năm", "retention.cases"),
        "metrics.token": (.file, "abc", "metrics.token"),
        "zalo.app_id": nil,
        "zalo.oa_id": nil,
        "zalo.oa_secret": (.file, "abc", "zalo.oa_secret"),
        "zalo.signature_first_term": (.environment, "user_id", "zalo.signature_first_term"),
        "zalo.access_token": (.file, "abc", "zalo.access_token"),
        "zalo.api_base": (.environment, "openapi.zalo.me", "zalo.api_base"),
        "zalo.refresh_token": (.file, "abc", "zalo.refresh_token"),
        "zalo.app_secret": (.file, "abc", "zalo.app_secret"),
        "zalo.oauth_base": (.file, "ftp://oauth.example", "zalo.oauth_base"),
        "zalo.window_days": (.file, "0", "zalo.window_days"),
        "telegram.secret": (.file, "abc", "telegram.secret"),
        "telegram.token": (.file, "abc", "telegram.token"),
        "telegram.api_base": (.file, "api.telegram.org", "telegram.api_base"),
        "messenger.app_secret": (.file, "abc", "messenger.app_secret"),
        "messenger.verify_token": (.file, "abc", "messenger.verify_token"),
        "messenger.page_token": (.file, "abc", "messenger.page_token"),
        "messenger.api_base": (.environment, "graph.facebook.com", "messenger.api_base"),
        "messenger.api_version": (.file, "v21/0", "messenger.api_version"),
        "messenger.window_hours": (.file, "0", "messenger.window_hours"),
        "admin.tokens": (.environment, "boss:0123456789abcdef", "MOTCUA_ADMIN_TOKENS"),
        "broadcast.approval": (.file, "maybe", "broadcast.approval"),
        "broadcast.quiet_hours": (.file, "25:00-06:00", "broadcast.quiet_hours"),
        "broadcast.time_zone": (.file, "Asia/Hanoi_City", "broadcast.time_zone"),
        "broadcast.emergency_roles": (.file, "admin,viewer", "broadcast.emergency_roles"),
        "broadcast.zalo_per_second": (.file, "0", "broadcast.zalo_per_second"),
        "broadcast.telegram_per_second": (.file, "-1", "broadcast.telegram_per_second"),
        "broadcast.messenger_per_second": (.file, "nhanh", "broadcast.messenger_per_second"),
        "broadcast.batch_size": (.file, "0", "broadcast.batch_size"),
        "broadcast.lease_seconds": (.file, "1", "broadcast.lease_seconds"),
        "broadcast.max_attempts": (.file, "2.5", "broadcast.max_attempts"),
    ]

    enum Source {
        case file
        case environment
    }

    static var keyNames: [String] { ConfigurationKey.all.map(\.name) }

    @Test func everyKeyHasABadValueCase() {
        for name in Self.keyNames {
            #expect(Self.badValues.keys.contains(name), "add a bad value for \(name) to the table")
        }
        #expect(Set(Self.badValues.keys) == Set(Self.keyNames))
    }

    @Test("bad value stops loading", arguments: ConfigurationKey.all.map(\.name))
    func badValueNamesKey(name: String) throws {
        guard let entry = Self.badValues[name], let bad = entry else { return }
        let key = try #require(ConfigurationKey.all.first { $0.name == name })
        var environment: [String: String] = [:]
        var file: String?
        switch bad.source {
        case .environment:
            environment[try #require(key.environment)] = bad.value
        case .file:
            file = try ConfigurationTests.write(Self.yaml(name: name, value: bad.value))
        }
        defer { if let file { try? FileManager.default.removeItem(atPath: file) } }

        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: environment)
        }
        #expect(error?.key == bad.errorKey)
        if key.isSecret {
            #expect(error?.description.contains(bad.value) == false, "a secret must not be echoed")
        }
    }

    @Test("every key is documented", arguments: ConfigurationKey.all.map(\.name))
    func keyIsDocumented(name: String) throws {
        let docs = try String(
            contentsOf: ServiceHarness.repositoryRoot.appendingPathComponent("docs/cau-hinh.md"), encoding: .utf8)
        let key = try #require(ConfigurationKey.all.first { $0.name == name })
        if !key.isSecret { #expect(docs.contains("`\(name)`"), "docs/cau-hinh.md lacks `\(name)`") }
        if let variable = key.environment { #expect(docs.contains("`\(variable)`"), "docs lack `\(variable)`") }
    }

    @Test func aliasSetsTheSameValue() throws {
        let file = try ConfigurationTests.write("drafts:\n  keep_days: 12\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let configuration = try Configuration.load(file: file, environment: [:])
        #expect(configuration.draftKeepDays == 12)
    }

    @Test func retentionDefaultsKeepCases() throws {
        let configuration = try Configuration.load(file: nil, environment: [:])
        #expect(configuration.draftKeepDays == 30)
        #expect(configuration.retentionHistoryDays == 90)
        #expect(configuration.retentionCaseDays == 0)
    }

    @Test func defaultTextComesFromConfiguration() throws {
        let listen = try #require(ConfigurationKey.all.first { $0.name == "listen" })
        #expect(listen.defaultText == "127.0.0.1:8080")
        let lanes = try #require(ConfigurationKey.all.first { $0.name == "processing.lanes" })
        #expect(lanes.defaultText == "4")
        let secret = try #require(ConfigurationKey.all.first { $0.name == "zalo.oa_secret" })
        #expect(secret.defaultText == "(trống)")
    }

    /// Writes a dotted key as nested YAML mappings.
    static func yaml(name: String, value: String) -> String {
        let parts = name.split(separator: ".")
        var text = ""
        for (depth, part) in parts.enumerated() {
            let indent = String(repeating: "  ", count: depth)
            text += depth == parts.count - 1 ? "\(indent)\(part): \"\(value)\"\n" : "\(indent)\(part):\n"
        }
        return text
    }
}
