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
    /// Stores webhook events in group commits.
    let inbox: InboxCommitter
    /// The admin API, or nil when no admin token is configured.
    let admin: AdminAPI?
    let metrics: ServiceMetrics
    /// The bearer token `/metrics` requires; empty leaves it open.
    let metricsToken: String
    private let requestCounter = RequestCounter()

    init(
        store: any Store, channels: ChannelSettings, client: HTTPClient, admin: AdminAPI? = nil, logger: Logger,
        metrics: ServiceMetrics = ServiceMetrics(), metricsToken: String = "", clock: @escaping @Sendable () -> Date,
        inbox: InboxCommitter
    ) {
        self.metrics = metrics
        self.metricsToken = metricsToken
        self.store = store
        self.channels = channels
        self.client = client
        self.admin = admin
        self.logger = logger
        self.clock = clock
        self.inbox = inbox
    }

    /// Handles one request and echoes its request id in `X-Request-Id`. The response to a Zalo webhook
    /// is sent from the inbox committer's thread after its events are committed; other requests
    /// get their response before this returns.
    func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let requestID = RequestCounter.acceptedID(request.header("X-Request-Id")) ?? requestCounter.next()
        let requestLogger = logger.with(["request.id": requestID])
        let finish: @Sendable (HTTPResponse) -> Void = { response in
            var response = response
            response.headers.append((name: "X-Request-Id", value: requestID))
            respond(response)
        }

        guard request.path == "/webhooks/zalo" else {
            finish(route(request, logger: requestLogger))
            return
        }
        zaloWebhook(request, logger: requestLogger) { response in
            finish(countedWebhook(.zalo, response))
        }
    }

    /// Handles one request and waits for its response.
    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let done = DispatchSemaphore(value: 0)
        let response = Mutex<HTTPResponse?>(nil)
        handle(request) { answered in
            response.withLock { $0 = answered }
            done.signal()
        }
        done.wait()
        return response.withLock { $0! }
    }

    private func route(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/healthz"):
            return .text(200, "ok\n")
        case ("GET", "/readyz"):
            return ready(logger)
        case ("GET", "/metrics"):
            return metricsExposition(request)
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
            return .text(503, "chưa sẵn sàng: không kết nối được cơ sở dữ liệu\n")
        }
    }

    /// Responds to a Zalo webhook. Verification and decoding run on the calling thread, and a
    /// request with events gets its response after the inbox committed them.
    private func zaloWebhook(
        _ request: HTTPRequest, logger: Logger, respond: @escaping @Sendable (HTTPResponse) -> Void
    ) {
        guard let zalo = channels.zalo else {
            return respond(.text(404, "kênh Zalo chưa bật; đặt MOTCUA_ZALO_OA_SECRET\n"))
        }
        let signature = request.header(ZaloWebhook.signatureHeaderName)
        // Zalo's console checks the URL with an unsigned GET or empty POST when the webhook is saved.
        let isProbe = request.method == "POST" && signature == nil && Self.isEmptyProbe(request.body)
        if request.method == "GET" || isProbe {
            return respond(.text(200, "ok\n"))
        }
        guard request.method == "POST" else {
            return respond(.text(405, "use POST\n"))
        }

        let decision: ZaloWebhookDecision
        do {
            decision = try ZaloWebhook.verifiedDecision(body: request.body, signatureHeader: signature, settings: zalo)
        } catch let error as ChannelError where error.code == .malformedBody {
            logger.warning("webhook rejected", ["channel": "zalo", "reason": error.message])
            return respond(.text(400, "malformed body: \(error.message)\n"))
        } catch {
            logger.warning("webhook signature invalid", ["channel": "zalo", "error": "\(error)"])
            return respond(.text(401, "invalid signature\n"))
        }

        switch decision {
        case .ignored(let name):
            logger.debug("webhook event ignored", ["channel": "zalo", "event.name": name])
            respond(.json(200, Array(#"{"status":"ignored"}"#.utf8)))
        case .events(let events):
            let received = events.map { ReceivedEvent(event: $0, receivedAt: clock()) }
            inbox.submit(received) { result in
                respond(storedResponse(result, events: events, channel: .zalo, logger: logger))
            }
        }
    }

    /// Stores the events of one request and waits for the commit; returns 200, or 503 when the
    /// store failed.
    func storeEvents(_ events: [InboundEvent], channel: ChannelKind, logger: Logger) -> HTTPResponse {
        let received = events.map { ReceivedEvent(event: $0, receivedAt: clock()) }
        let result = Result { try inbox.insert(received) }
        return storedResponse(result, events: events, channel: channel, logger: logger)
    }

    /// Returns the webhook's response to the outcome of storing its events, and counts and logs it.
    private func storedResponse(
        _ result: Result<[StoredEvent?], any Error>, events: [InboundEvent], channel: ChannelKind, logger: Logger
    ) -> HTTPResponse {
        do {
            let stored = try result.get().count { $0 != nil }
            let eventIDs = events.map(\.eventID).joined(separator: ",")
            if stored > 0 {
                metrics.webhooks.increment(["channel": channel.rawValue, "result": "accepted"])
                logger.info(
                    "webhook stored", ["channel": channel.rawValue, "event.id": eventIDs, "events": "\(stored)"])
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
            return Self.adminError(AdminError(.notFound, "API quản trị đang tắt; đặt MOTCUA_ADMIN_TOKENS"))
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
