import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaServer
import MotCuaStorage

/// A real service on loopback with one mock API for every channel and a temporary SQLite file.
final class ServiceHarness: @unchecked Sendable {
    // @unchecked: tests use one harness from one task at a time.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let settings = ZaloSettings(
        appID: "APP_ID_TEST", oaID: "OA_ID_TEST", signatureSecret: "OA_SECRET_TEST", accessToken: "TOKEN_TEST")

    let folder: URL
    let mock = MockZaloAPI()
    let client: HTTPClient
    let logs = LogSink.memory()
    var service: MotCuaService?
    /// Templates the service loads; tests may point it at a changed copy.
    var templatesFolder = ServiceHarness.repositoryRoot.appendingPathComponent("templates").path
    /// `MOTCUA_ADMIN_TOKENS` for the service; empty disables the admin API.
    var adminTokens = ""
    /// Whether the service gets Telegram and Messenger credentials; Zalo is always enabled.
    var enablesTelegramAndMessenger = true
    /// `MOTCUA_ZALO_REFRESH_TOKEN` and `MOTCUA_ZALO_APP_SECRET`; with both empty the token is never
    /// refreshed.
    var zaloRefreshToken = ""
    var zaloAppSecret = ""
    /// Send rates for the outbox. The per-conversation limit is off by default, so conversation
    /// tests get every reply without waiting.
    var rateLimits: RateLimitConfiguration = {
        var limits = RateLimitConfiguration()
        limits.perRecipientPerSecond = 0
        return limits
    }()
    /// Broadcast settings; quiet hours are off so broadcast tests pass at any hour.
    var broadcast: BroadcastSettings = {
        var settings = BroadcastSettings()
        settings.quietHours = .none(timeZone: settings.quietHours.timeZone)
        return settings
    }()
    /// `outbound.timeout_seconds` for the service's requests to the mock.
    var outboundTimeoutSeconds = Configuration().outboundTimeoutSeconds
    /// The service logger's level; every line goes to `logs`.
    var logLevel = Logger.Level.debug
    /// `MOTCUA_METRICS_TOKEN` for the service; empty leaves `/metrics` open.
    var metricsToken = ""
    private var sequence = 0

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try mock.start()
        client = try HTTPClient(configuration: .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 10))
    }

    deinit {
        service?.stop()
        mock.stop()
        client.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    var databasePath: String { folder.appendingPathComponent("motcua.sqlite").path }

    func configuration(maxBodyBytes: Int = 1 << 20) -> Configuration {
        var configuration = Configuration()
        configuration.listenPort = 0
        configuration.databasePath = databasePath
        configuration.templatesFolder = templatesFolder
        configuration.httpMaxBodyBytes = maxBodyBytes
        configuration.outboxRetryBaseSeconds = 0.05
        configuration.outboxRetryMaxSeconds = 0.2
        configuration.zalo.appID = Self.settings.appID
        configuration.zalo.oaID = Self.settings.oaID
        configuration.zalo.oaSecret = Self.settings.signatureSecret
        configuration.zalo.accessToken = Self.settings.accessToken
        configuration.zalo.apiBase = mock.baseURL
        configuration.zalo.oauthBase = mock.baseURL
        configuration.zalo.refreshToken = zaloRefreshToken
        configuration.zalo.appSecret = zaloAppSecret
        configuration.adminTokens = adminTokens
        configuration.limits = rateLimits
        configuration.outboundTimeoutSeconds = outboundTimeoutSeconds
        configuration.metricsToken = metricsToken
        configuration.broadcast = broadcast
        guard enablesTelegramAndMessenger else { return configuration }
        configuration.telegram.token = Self.telegramToken
        configuration.telegram.secretToken = Self.telegramSecret
        configuration.telegram.apiBase = mock.baseURL
        configuration.messenger.appSecret = Self.messengerSettings.appSecret
        configuration.messenger.verifyToken = Self.messengerSettings.verifyToken
        configuration.messenger.pageToken = Self.messengerSettings.pageToken
        configuration.messenger.apiBase = mock.baseURL
        return configuration
    }

    func start(maxBodyBytes: Int = 1 << 20) throws {
        let service = try MotCuaService(
            configuration: configuration(maxBodyBytes: maxBodyBytes),
            logger: Logger(label: "test", level: logLevel, sink: logs))
        try service.start()
        self.service = service
    }

    func stop() {
        service?.stop()
        service = nil
    }

    var webhookURL: String { "http://127.0.0.1:\(service!.port)/webhooks/zalo" }

    /// Posts raw bytes with an optional signature header; returns the HTTP status.
    func post(_ body: [UInt8], signature: String?) async throws -> Int {
        var headers = [(name: "Content-Type", value: "application/json")]
        if let signature { headers.append((name: "X-ZEvent-Signature", value: signature)) }
        return try await client.send(HTTPClientRequest(method: "POST", url: webhookURL, headers: headers, body: body))
            .status
    }

    /// Sends a signed text event from `user`; returns the HTTP status.
    @discardableResult
    func sendText(_ text: String, user: String = "8000000000000000001", msgID: String? = nil) async throws -> Int {
        sequence += 1
        let signed = ZaloWebhookBuilder.textEvent(
            text: text, userID: user, msgID: msgID ?? "msg-\(UUID().uuidString)",
            timestampMillis: 1_772_000_000_000 + Int64(sequence), settings: Self.settings)
        return try await post(signed.body, signature: signed.signature)
    }

    /// Sends a GET to the service.
    func get(_ path: String, headers: [(name: String, value: String)] = []) async throws -> HTTPClientResponse {
        try await client.send(HTTPClientRequest(url: "http://127.0.0.1:\(service!.port)\(path)", headers: headers))
    }

    /// Returns the value of one `/metrics` line, such as `motcua_inbox_pending`, or nil when absent.
    func metric(_ series: String) async throws -> Double? {
        let body = String(decoding: try await get("/metrics").body, as: UTF8.self)
        for line in body.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// Waits until the inbox and the outbox are empty, at most `timeout` seconds; returns whether
    /// they are.
    @discardableResult
    func waitUntilIdle(timeout: Double = 60) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let inbox = try await metric("motcua_inbox_pending")
            let outbox = try await metric("motcua_outbox_pending")
            if inbox == 0, outbox == 0 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Waits until the mock has received at least `count` messages, at most `timeout` seconds.
    @discardableResult
    func waitForMessages(_ count: Int, timeout: Double = 30) async -> [MockZaloAPI.ReceivedMessage] {
        let deadline = Date().addingTimeInterval(timeout)
        while mock.messages.count < count, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return mock.messages
    }

    /// Sends a text and waits for the replies it causes; returns their texts joined.
    func converse(_ text: String, user: String = "8000000000000000001") async throws -> String {
        let before = mock.messages.count
        try await sendText(text, user: user)
        await waitForMessages(before + 1)
        try await Task.sleep(for: .milliseconds(150))
        return mock.messages[before...].map(\.text).joined(separator: "\n")
    }

    /// Sends an admin API request; returns the status and the decoded JSON object (empty when the
    /// body is not an object).
    func admin(_ method: String, _ path: String, token: String?, body: String? = nil) async throws -> (
        status: Int, json: [String: Any]
    ) {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        let response = try await client.send(
            HTTPClientRequest(
                method: method, url: "http://127.0.0.1:\(service!.port)\(path)", headers: headers,
                body: Array((body ?? "").utf8)))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json)
    }
}
