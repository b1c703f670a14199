import MotCuaChannels
import MotCuaCore
import MotCuaHTTP

extension Router {
    /// Handles `/webhooks/messenger`: the GET handshake when the callback URL is saved, and signed
    /// POSTs that may carry several events.
    func messengerWebhook(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        guard let messenger = channels.messenger else {
            return .text(404, "kênh Messenger chưa bật; đặt MOTCUA_MESSENGER_APP_SECRET\n")
        }
        switch request.method {
        case "GET":
            guard let challenge = MessengerWebhook.verifyHandshake(query: request.query, settings: messenger) else {
                logger.warning("webhook handshake rejected", ["channel": "messenger"])
                return .text(403, "verification failed\n")
            }
            return .text(200, challenge)
        case "POST":
            break
        default:
            return .text(405, "use GET or POST\n")
        }

        do {
            try MessengerWebhook.verify(
                body: request.body, signatureHeader: request.header(MessengerWebhook.signatureHeaderName),
                settings: messenger)
        } catch {
            logger.warning("webhook signature invalid", ["channel": "messenger", "error": "\(error)"])
            return .text(401, "invalid signature\n")
        }

        let batch: MessengerWebhookBatch
        do {
            batch = try MessengerWebhook.decode(body: request.body)
        } catch {
            logger.warning("webhook rejected", ["channel": "messenger", "error": "\(error)"])
            return .text(400, "malformed body: \(error)\n")
        }

        if !batch.ignored.isEmpty {
            logger.debug(
                "webhook items ignored", ["channel": "messenger", "items": batch.ignored.joined(separator: ",")])
        }
        guard !batch.events.isEmpty else {
            return .json(200, Array(#"{"status":"ignored"}"#.utf8))
        }
        return storeEvents(batch.events, channel: .messenger, logger: logger)
    }
}
