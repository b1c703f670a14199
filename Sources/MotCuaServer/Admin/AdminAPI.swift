import Foundation
import MotCuaCore
import MotCuaCrypto
import MotCuaHTTP
import MotCuaStorage

/// The officials' JSON API under `/api/`: dossiers, field reports and conversations in handoff.
/// Every request needs `Authorization: Bearer <token>`; the token's role decides what it may do.
struct AdminAPI: Sendable {
    let tokens: AdminTokens
    let store: any Store
    let engine: ConversationEngine
    let processor: EventProcessor
    let clock: @Sendable () -> Date
    /// Called after a message to a citizen was queued, to wake the outbox sender.
    let onQueued: @Sendable () -> Void
    var broadcastSettings = BroadcastSettings()
    /// The enabled channels, for dry runs.
    var channels = ChannelSettings(zalo: nil, telegram: nil, messenger: nil)
    /// Called after a broadcast may have become due, to wake the broadcast worker.
    var onBroadcastChanged: @Sendable () -> Void = {}

    /// One authenticated request, passed to the handlers.
    struct Call {
        var request: HTTPRequest
        var role: AdminRole
        /// A stable id of the token's holder: a prefix of the token's SHA-256 digest.
        var official: String
        var logger: Logger
    }

    /// Authenticates `request`, routes it by path and method and runs the handler.
    func handle(_ request: HTTPRequest, logger: Logger) throws(AdminError) -> AdminReply {
        let (role, official) = try authenticate(request, logger: logger)
        let call = Call(
            request: request, role: role, official: official,
            logger: logger.with(["admin.role": role.rawValue, "admin.official": official]))
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst().map(String.init)

        switch segments.first {
        case "dossiers":
            return try routeCases(.dossier, segments: Array(segments.dropFirst()), call: call)
        case "reports":
            return try routeCases(.report, segments: Array(segments.dropFirst()), call: call)
        case "conversations":
            return try routeConversations(Array(segments.dropFirst()), call: call)
        case "broadcasts":
            return try routeBroadcasts(Array(segments.dropFirst()), call: call)
        default:
            throw AdminError(
                .notFound,
                "không có đường dẫn \(request.path); dùng /api/dossiers, /api/reports, /api/conversations hoặc /api/broadcasts"
            )
        }
    }

    private func authenticate(_ request: HTTPRequest, logger: Logger) throws(AdminError) -> (AdminRole, String) {
        guard let header = request.header("Authorization") else {
            logger.warning("admin request unauthorized", ["reason": "missing token"])
            throw AdminError(.unauthorized, "thiếu header Authorization; gửi Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            logger.warning("admin request unauthorized", ["reason": "not a bearer token"])
            throw AdminError(.unauthorized, "header Authorization phải có dạng Bearer <token>")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let role = tokens.role(of: token) else {
            logger.warning("admin request unauthorized", ["reason": "unknown token"])
            throw AdminError(
                .unauthorized,
                "token không hợp lệ; dùng một token trong MOTCUA_ADMIN_TOKENS của server, kiểm tra MOTCUA_TOKEN hoặc --token-file"
            )
        }
        return (role, "cb-" + Digest.sha256Hex(Array(token.utf8)).prefix(10))
    }

    private func routeCases(_ kind: CaseKind, segments: [String], call: Call) throws(AdminError) -> AdminReply {
        let method = call.request.method
        switch segments.count {
        case 0:
            guard method == "GET" else { throw AdminError(.methodNotAllowed(allowed: ["GET"]), "dùng GET") }
            return try listCases(kind, call: call)
        case 1:
            let code = CaseCode.normalized(segments[0]) ?? segments[0]
            switch method {
            case "GET":
                return try readCase(kind, code: code, call: call)
            case "PATCH":
                try requireWrite(call)
                return try updateCase(kind, code: code, call: call)
            default:
                throw AdminError(.methodNotAllowed(allowed: ["GET", "PATCH"]), "dùng GET hoặc PATCH")
            }
        default:
            throw AdminError(
                .notFound, "không có đường dẫn \(call.request.path); dùng /api/dossiers/MÃ hoặc /api/reports/MÃ")
        }
    }

    private func routeConversations(_ segments: [String], call: Call) throws(AdminError) -> AdminReply {
        let method = call.request.method
        if segments.isEmpty {
            guard method == "GET" else { throw AdminError(.methodNotAllowed(allowed: ["GET"]), "dùng GET") }
            return try listConversations(call: call)
        }
        guard segments.count == 3, segments[2] == "messages" || segments[2] == "release" else {
            throw AdminError(
                .notFound,
                "không có đường dẫn \(call.request.path); dùng /api/conversations/KÊNH/MÃ_NGƯỜI_DÙNG/messages hoặc /release"
            )
        }
        guard let channel = ChannelKind(rawValue: segments[0]) else {
            let channels = ChannelKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw AdminError(.notFound, "kênh '\(segments[0])' không tồn tại; dùng \(channels)")
        }
        let conversation = ConversationID(channel: channel, userID: segments[1])

        switch (segments[2], method) {
        case ("messages", "GET"):
            return try readTranscript(of: conversation, call: call)
        case ("messages", "POST"):
            try requireWrite(call)
            return try sendMessage(to: conversation, call: call)
        case ("messages", _):
            throw AdminError(.methodNotAllowed(allowed: ["GET", "POST"]), "dùng GET hoặc POST")
        case (_, "POST"):
            try requireWrite(call)
            return try release(conversation, call: call)
        default:
            throw AdminError(.methodNotAllowed(allowed: ["POST"]), "dùng POST")
        }
    }

    private func requireWrite(_ call: Call) throws(AdminError) {
        guard call.role.mayWrite else {
            call.logger.warning("admin request forbidden", ["method": call.request.method])
            throw AdminError(.forbidden, "vai trò \(call.role.rawValue) chỉ được đọc; xin token officer hoặc admin")
        }
    }

    /// Converts a store failure into a 503 after logging it.
    func storeFailure(_ error: any Error, _ message: String, call: Call) -> AdminError {
        call.logger.error(message, ["error": "\(error)"])
        return AdminError(.unavailable, "cơ sở dữ liệu tạm thời không dùng được; thử lại sau ít phút")
    }

    /// Returns the Vietnamese label of a stored status, or the stored key when it is unknown.
    func statusLabel(_ status: String) -> String {
        CaseStatus(rawValue: status).map { engine.messages.text($0.labelKey) } ?? status
    }
}
