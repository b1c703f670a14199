import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import Synchronization

/// Maps HTTP requests to handlers and decides every HTTP status in one place.
struct Router: Sendable {
    let store: any Store
    let channels: ChannelSettings
    /// Sends Telegram's `answerCallbackQuery` right after a button press is stored.
    let client: HTTPClient
    let logger: Logger
    let clock: @Sendable () -> Date
    let onStored: @Sendable () -> Void
    /// The admin API, or nil when no admin token is configured.
    let admin: AdminAPI?
    let metrics: ServiceMetrics
    /// The bearer token `/metrics` requires; empty leaves it open.
    let metricsToken: String
    private let requestCounter = RequestCounter()

    init(
        store: any Store, channels: ChannelSettings, client: HTTPClient, admin: AdminAPI? = nil, logger: Logger,
        metrics: ServiceMetrics = ServiceMetrics(), metricsToken: String = "", clock: @escaping @Sendable () -> Date,
        onStored: @escaping @Sendable () -> Void
    ) {
        self.metrics = metrics
        self.metricsToken = metricsToken
        self.store = store
        self.channels = channels
        self.client = client
        self.admin = admin
        self.logger = logger
        self.clock = clock
        self.onStored = onStored
    }

    /// Handles one request and echoes its request id in `X-Request-Id`.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let requestID = RequestCounter.acceptedID(request.header("X-Request-Id")) ?? requestCounter.next()
        let requestLogger = logger.with(["request.id": requestID])
        var response = route(request, logger: requestLogger)
        response.headers.append((name: "X-Request-Id", value: requestID))
        return response
    }

    private func route(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/healthz"):
            return .text(200, "ok\n")
        case ("GET", "/readyz"):
            return ready(logger)
        case ("GET", "/metrics"):
            return metricsExposition(request)
        case (_, "/webhooks/zalo"):
            return countedWebhook(.zalo, zaloWebhook(request, logger: logger))
        case (_, "/webhooks/telegram"):
            return countedWebhook(.telegram, telegramWebhook(request, logger: logger))
        case (_, "/webhooks/messenger"):
            return countedWebhook(.messenger, messengerWebhook(request, logger: logger))
        case (_, let path) where path == "/api" || path.hasPrefix("/api/"):
            return adminRequest(request, logger: logger.with(["http.method": request.method]))
        default:
            return .text(404, "not found\n")
        }
    }

    /// Returns 200 when a query on the database succeeds, else 503. Templates are loaded and
    /// checked before the HTTP server starts, so a running router always has them.
    private func ready(_ logger: Logger) -> HTTPResponse {
        do {
            _ = try store.pendingInbound(limit: 1)
            return .text(200, "ready\n")
        } catch {
            metrics.databaseErrors.increment(["operation": "readiness"])
            logger.error("readiness check failed", ["error": "\(error)"])
            return .text(503, "not ready: database unavailable\n")
        }
    }

    private func zaloWebhook(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        guard let zalo = channels.zalo else {
            return .text(404, "the Zalo channel is not enabled; set MOTCUA_ZALO_OA_SECRET\n")
        }
        let signature = request.header(ZaloWebhook.signatureHeaderName)
        // Zalo's console checks the URL with an unsigned GET or empty POST when the webhook is saved.
        let isProbe = request.method == "POST" && signature == nil && Self.isEmptyProbe(request.body)
        if request.method == "GET" || isProbe {
            return .text(200, "ok\n")
        }
        guard request.method == "POST" else {
            return .text(405, "use POST\n")
        }

        do {
            try ZaloWebhook.verify(body: request.body, signatureHeader: signature, settings: zalo)
        } catch let error as ChannelError where error.code == .malformedBody {
            logger.warning("webhook rejected", ["channel": "zalo", "reason": error.message])
            return .text(400, "malformed body: \(error.message)\n")
        } catch {
            logger.warning("webhook signature invalid", ["channel": "zalo", "error": "\(error)"])
            return .text(401, "invalid signature\n")
        }

        let decision: ZaloWebhookDecision
        do {
            decision = try ZaloWebhook.decode(body: request.body)
        } catch {
            logger.warning("webhook rejected", ["channel": "zalo", "error": "\(error)"])
            return .text(400, "malformed body: \(error)\n")
        }

        switch decision {
        case .ignored(let name):
            logger.debug("webhook event ignored", ["channel": "zalo", "event.name": name])
            return .json(200, Array(#"{"status":"ignored"}"#.utf8))
        case .events(let events):
            return storeEvents(events, channel: .zalo, logger: logger)
        }
    }

    /// Stores the events of one request; returns 200, or 503 when the store failed.
    func storeEvents(_ events: [InboundEvent], channel: ChannelKind, logger: Logger) -> HTTPResponse {
        do {
            var stored = 0
            for event in events where try store.insertInbound(event, receivedAt: clock()) {
                stored += 1
            }
            let eventIDs = events.map(\.eventID).joined(separator: ",")
            if stored > 0 {
                metrics.webhooks.increment(["channel": channel.rawValue, "result": "accepted"])
                logger.info(
                    "webhook stored", ["channel": channel.rawValue, "event.id": eventIDs, "events": "\(stored)"])
                onStored()
            } else {
                metrics.webhooks.increment(["channel": channel.rawValue, "result": "duplicate"])
                logger.info("duplicate webhook ignored", ["channel": channel.rawValue, "event.id": eventIDs])
            }
            return .json(200, Self.storedBody)
        } catch {
            // 503 makes the platform deliver the event again later, so it is not lost.
            metrics.webhooks.increment(["channel": channel.rawValue, "result": "storage_error"])
            metrics.databaseErrors.increment(["operation": "store_event"])
            logger.error(
                "storing a webhook event failed",
                [
                    "channel": channel.rawValue, "event.id": events.map(\.eventID).joined(separator: ","),
                    "error": "\(error)",
                ])
            return .text(503, Self.storageUnavailableBody)
        }
    }

    private func adminRequest(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        guard let admin else {
            return Self.adminError(AdminError(.notFound, "the admin API is disabled; set MOTCUA_ADMIN_TOKENS"))
        }
        do {
            let reply = try admin.handle(request, logger: logger)
            switch reply.kind {
            case .ok:
                return .json(200, reply.body)
            case .accepted:
                return .json(202, reply.body)
            }
        } catch {
            return Self.adminError(error)
        }
    }

    private static func adminError(_ error: AdminError) -> HTTPResponse {
        let body = AdminJSON.encode(AdminJSON.ErrorBody(error: error.message, message: error.message))
        switch error.kind {
        case .unauthorized:
            var response = HTTPResponse.json(401, body)
            response.headers.append((name: "WWW-Authenticate", value: #"Bearer realm="motcua""#))
            return response
        case .forbidden:
            return .json(403, body)
        case .notFound:
            return .json(404, body)
        case .badRequest:
            return .json(400, body)
        case .methodNotAllowed(let allowed):
            var response = HTTPResponse.json(405, body)
            response.headers.append((name: "Allow", value: allowed.joined(separator: ", ")))
            return response
        case .conflict:
            return .json(409, body)
        case .unavailable:
            return .json(503, body)
        }
    }

    private static func isEmptyProbe(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self).filter { !$0.isWhitespace }
        return text.isEmpty || text == "{}"
    }
}

/// Request ids for log lines: a process-wide counter.
final class RequestCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> String {
        String(value.add(1, ordering: .relaxed).newValue, radix: 36)
    }
}
