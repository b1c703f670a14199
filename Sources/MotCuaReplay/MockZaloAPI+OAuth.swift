import Foundation
import MotCuaHTTP

extension MockZaloAPI {
    /// The mock's OAuth state. Until `expireAccessToken()` is called, every access token is
    /// accepted. Afterwards Zalo sends return error -216 until a refresh issues a new token, and
    /// from then on only the newest issued token is accepted.
    struct TokenState {
        var expired = false
        var issuedAccessToken: String?
        /// The refresh token the next refresh must present; nil accepts any non-empty one once.
        var validRefreshToken: String?
        var usedRefreshTokens: Set<String> = []
        var refreshes = 0
        var refreshRequests = 0
        var failsRefresh = false
    }

    /// Makes Zalo sends return error -216 (access token expired) until a refresh happens. A token
    /// issued by an earlier refresh expires too.
    public func expireAccessToken() {
        withTokens {
            $0.expired = true
            $0.issuedAccessToken = nil
        }
    }

    /// Sets the only refresh token the next refresh accepts.
    public func acceptRefreshToken(_ token: String) {
        withTokens { $0.validRefreshToken = token }
    }

    /// Makes every refresh fail with an OAuth error, or succeed again.
    public func failRefreshes(_ fails: Bool) {
        withTokens { $0.failsRefresh = fails }
    }

    /// Refreshes that issued new tokens.
    public var refreshCount: Int { withTokens { $0.refreshes } }

    /// Refresh requests received, failed ones included.
    public var refreshRequestCount: Int { withTokens { $0.refreshRequests } }

    /// The access token the last refresh issued, or nil before any refresh.
    public var issuedAccessToken: String? { withTokens { $0.issuedAccessToken } }

    /// The refresh token the last refresh issued, which the next refresh must present.
    public var issuedRefreshToken: String? { withTokens { $0.validRefreshToken } }

    func acceptsAccessToken(_ token: String?) -> Bool {
        withTokens { state in
            if let issued = state.issuedAccessToken { return token == issued }
            return !state.expired
        }
    }

    /// Handles `POST /v4/oa/access_token` with `grant_type=refresh_token`. Each refresh token
    /// works once. The response contains a new pair and `expires_in` as a string, as Zalo sends it.
    func refreshAccessToken(_ request: HTTPRequest) -> HTTPResponse {
        let form = Self.formFields(request.body)
        let answer = withTokens { state -> String in
            state.refreshRequests += 1
            guard !state.failsRefresh else { return Self.oauthError("refresh rejected by the mock") }
            guard request.header("secret_key")?.isEmpty == false, form["app_id"]?.isEmpty == false,
                form["grant_type"] == "refresh_token", let presented = form["refresh_token"], !presented.isEmpty
            else { return Self.oauthError("missing secret_key, app_id, grant_type or refresh_token") }
            guard !state.usedRefreshTokens.contains(presented),
                state.validRefreshToken == nil || state.validRefreshToken == presented
            else { return Self.oauthError("refresh token is invalid or already used") }
            state.usedRefreshTokens.insert(presented)
            state.refreshes += 1
            let access = "mock-access-\(state.refreshes)"
            let refresh = "mock-refresh-\(state.refreshes)"
            state.issuedAccessToken = access
            state.validRefreshToken = refresh
            state.expired = false
            return #"{"access_token":"\#(access)","refresh_token":"\#(refresh)","expires_in":"90000"}"#
        }
        return .json(200, Array(answer.utf8))
    }

    private static func oauthError(_ reason: String) -> String {
        #"{"error":-14014,"error_name":"\#(reason)","error_description":"\#(reason)"}"#
    }

    private static func formFields(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decoded(parts[0])] = parts.count > 1 ? decoded(parts[1]) : ""
        }
        return fields
    }
}
