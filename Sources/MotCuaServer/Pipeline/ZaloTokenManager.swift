import Foundation
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage

/// Keeps the Zalo OA access token current. The token comes from the store when one was rotated,
/// else from the environment. A refresh runs when the token expires within `margin` or when Zalo
/// rejects it. Only one refresh runs at a time, and callers arriving meanwhile wait for its result.
/// The new refresh token is stored before the new access token is handed out, because Zalo accepts
/// each refresh token once.
///
/// With several instances on one database, a refresh runs only in the instance holding the store's
/// lease `leaseName`. The others wait for the token it stores, so a refresh token is never spent
/// twice.
actor ZaloTokenManager {
    static let leaseName = "zalo.token.refresh"
    /// How long the refresh lease lasts; longer than one token request with its timeouts.
    static let leaseDuration: TimeInterval = 120
    /// How long an instance without the lease waits for another instance's new token.
    static let waitForOtherRefresh: TimeInterval = 15

    struct Settings: Sendable {
        var appID: String
        var appSecret: String
        var oauthBase: String
        var accessToken: String
        var refreshToken: String
        /// Refresh ahead when the token expires within this many seconds.
        var margin: Double = 600
        /// After a failed refresh, no new attempt starts for this many seconds; sends keep being
        /// retried with backoff meanwhile.
        var failureCooldown: Double = 300
    }

    private let store: any Store
    private let client: HTTPClient
    private let settings: Settings
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let instanceID: String

    private var current: String
    private var expiresAt: Date?
    private var refreshToken: String
    private var inFlight: Task<String?, Never>?
    private var lastFailureAt: Date?

    init(
        store: any Store, client: HTTPClient, settings: Settings, logger: Logger,
        clock: @escaping @Sendable () -> Date, instanceID: String = UUID().uuidString
    ) {
        self.store = store
        self.instanceID = instanceID
        self.client = client
        self.settings = settings
        self.logger = logger
        self.clock = clock
        current = settings.accessToken
        refreshToken = settings.refreshToken
        do {
            if let stored = try store.platformToken(channel: .zalo) {
                current = stored.accessToken
                expiresAt = stored.expiresAt
                refreshToken = stored.refreshToken
            }
        } catch {
            logger.error("reading the stored Zalo token failed", ["error": "\(error)"])
        }
    }

    /// Whether a refresh is possible at all: an App Secret and a refresh token are both known.
    var canRefresh: Bool { !settings.appSecret.isEmpty && !refreshToken.isEmpty }

    /// Returns the access token for the next send, after a refresh when it is missing or about to expire.
    func accessToken() async -> String {
        let expiring = expiresAt.map { $0.timeIntervalSince(clock()) < settings.margin } ?? false
        if current.isEmpty || expiring, canRefresh, let fresh = await refresh(rejected: current) {
            return fresh
        }
        return current
    }

    /// Called when Zalo rejected `rejected`. Returns a newer token: the current one when another
    /// caller already refreshed, else the result of a refresh; nil when none is available.
    func refresh(rejected: String) async -> String? {
        if current != rejected, !current.isEmpty { return current }
        if let inFlight { return await inFlight.value }
        guard canRefresh else { return nil }
        if let lastFailureAt, clock().timeIntervalSince(lastFailureAt) < settings.failureCooldown {
            return nil
        }
        let task = Task { await self.performRefresh() }
        inFlight = task
        let result = await task.value
        inFlight = nil
        return result
    }

    /// Adopts a token another instance stored after `rejected`, and returns it; nil when the stored
    /// token is missing or the same as `rejected`.
    private func adoptStoredToken(rejecting rejected: String) -> String? {
        guard let stored = try? store.platformToken(channel: .zalo), !stored.accessToken.isEmpty,
            stored.accessToken != rejected
        else {
            return nil
        }
        current = stored.accessToken
        refreshToken = stored.refreshToken
        expiresAt = stored.expiresAt
        return stored.accessToken
    }

    private func performRefresh() async -> String? {
        let rejected = current
        if let adopted = adoptStoredToken(rejecting: rejected) {
            logger.info("Zalo access token taken from the store; another instance refreshed it")
            return adopted
        }
        let leased: Bool
        do {
            // Leases use the wall clock, not the injected clock, because other instances compare them.
            leased = try store.acquireLease(
                Self.leaseName, owner: instanceID, now: Date(), duration: Self.leaseDuration)
        } catch {
            lastFailureAt = clock()
            logger.error("taking the Zalo token refresh lease failed", ["error": "\(error)"])
            return nil
        }
        guard leased else {
            return await waitForOtherInstance(rejecting: rejected)
        }
        logger.info("Zalo access token refresh started")
        do {
            let token = try await requestToken()
            // Stored first, because once Zalo returned new tokens the old refresh token no longer works.
            try store.saveRotatedToken(token)
            current = token.accessToken
            refreshToken = token.refreshToken
            expiresAt = token.expiresAt
            lastFailureAt = nil
            logger.info(
                "Zalo access token refreshed",
                ["expires.in.seconds": token.expiresAt.map { "\(Int($0.timeIntervalSince(clock())))" } ?? "unknown"])
            return token.accessToken
        } catch {
            lastFailureAt = clock()
            logger.error(
                "Zalo access token refresh failed; replies wait for a valid token",
                ["error": "\(error)", "retry.after.seconds": "\(Int(settings.failureCooldown))"])
            return nil
        }
    }

    /// Polls the store for the token another instance is refreshing, for up to `waitForOtherRefresh`.
    private func waitForOtherInstance(rejecting rejected: String) async -> String? {
        logger.info("another instance is refreshing the Zalo access token; waiting for it")
        let deadline = Date().addingTimeInterval(Self.waitForOtherRefresh)
        while Date() < deadline {
            try? await Task.sleep(nanoseconds: 250_000_000)
            if let adopted = adoptStoredToken(rejecting: rejected) {
                return adopted
            }
        }
        lastFailureAt = clock()
        logger.error("no refreshed Zalo access token appeared in the store; replies wait for a valid token")
        return nil
    }

    private func requestToken() async throws -> StoredToken {
        var base = settings.oauthBase
        while base.hasSuffix("/") { base.removeLast() }
        let form = [("app_id", settings.appID), ("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
            .map { "\($0.0)=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        let response = try await client.send(
            HTTPClientRequest(
                method: "POST", url: base + "/v4/oa/access_token",
                headers: [
                    (name: "secret_key", value: settings.appSecret),
                    (name: "Content-Type", value: "application/x-www-form-urlencoded"),
                ],
                body: Array(form.utf8)))
        return try Self.token(from: response, now: clock())
    }

    /// Parses Zalo's refresh response. `expires_in` comes as a string such as "90000" or as a number.
    static func token(from response: HTTPClientResponse, now: Date) throws -> StoredToken {
        guard (200..<300).contains(response.status) else {
            throw TokenRefreshError(message: "HTTP \(response.status)")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        guard let access = object["access_token"] as? String, !access.isEmpty,
            let refresh = object["refresh_token"] as? String, !refresh.isEmpty
        else {
            let code = (object["error"] as? NSNumber).map { "\($0)" } ?? "none"
            let name = (object["error_name"] as? String).map { String($0.prefix(100)) } ?? ""
            throw TokenRefreshError(message: "tokens missing from the response; error \(code) \(name)")
        }
        let seconds: Double? =
            switch object["expires_in"] {
            case let number as NSNumber: number.doubleValue
            case let text as String: Double(text)
            default: nil
            }
        return StoredToken(
            channel: .zalo, accessToken: access, refreshToken: refresh,
            expiresAt: seconds.map { now.addingTimeInterval($0) }, rotatedAt: now)
    }

    private static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// A refresh the OAuth server did not complete. The message never contains a token.
struct TokenRefreshError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
