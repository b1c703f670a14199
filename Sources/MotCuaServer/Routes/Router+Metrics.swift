import Foundation
import MotCuaCore
import MotCuaCrypto
import MotCuaHTTP

extension Router {
    static let storedBody = Array(#"{"status":"ok"}"#.utf8)
    static let storageUnavailableBody = "storage unavailable, retry later\n"

    /// Serves `/metrics`, which requires `Authorization: Bearer <metrics token>` when one is set.
    func metricsExposition(_ request: HTTPRequest) -> HTTPResponse {
        if !metricsToken.isEmpty {
            let authorization = request.header("Authorization") ?? ""
            guard authorization.hasPrefix("Bearer "),
                Digest.constantTimeEquals(Array(authorization.dropFirst(7).utf8), Array(metricsToken.utf8))
            else {
                var response = HTTPResponse.text(401, "missing or invalid bearer token\n")
                response.headers.append((name: "WWW-Authenticate", value: #"Bearer realm="motcua-metrics""#))
                return response
            }
        }
        var response = HTTPResponse.text(200, metrics.registry.exposition())
        response.headers = [(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")]
        return response
    }

    /// Counts a webhook response under `motcua_webhooks_total` by its status. Responses created by
    /// `storeEvents` are skipped, because it counts them itself as accepted, duplicate or storage_error.
    func countedWebhook(_ channel: ChannelKind, _ response: HTTPResponse) -> HTTPResponse {
        let fromStore =
            (response.status == 200 && response.body == Self.storedBody)
            || (response.status == 503 && response.body == Array(Self.storageUnavailableBody.utf8))
        guard !fromStore else { return response }
        let result: String
        switch response.status {
        case 200: result = "ignored"
        case 400: result = "malformed"
        case 401, 403: result = "bad_signature"
        case 404: result = "disabled"
        case 405: result = "method_not_allowed"
        default: result = "status_\(response.status)"
        }
        metrics.webhooks.increment(["channel": channel.rawValue, "result": result])
        return response
    }
}

extension RequestCounter {
    /// Returns a client's `X-Request-Id` when it is 1 to 64 characters of letters, digits, `-`,
    /// `_`, `.` or `:`, and nil otherwise. The limit keeps a client from splitting or padding log lines.
    static func acceptedID(_ header: String?) -> String? {
        guard let header, (1...64).contains(header.utf8.count) else { return nil }
        let allowed = header.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "-_.:".unicodeScalars.contains($0)
        }
        return allowed ? header : nil
    }
}
