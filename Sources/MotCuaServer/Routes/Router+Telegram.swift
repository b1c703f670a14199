import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP

extension Router {
    /// Handles `POST /webhooks/telegram`: the secret header, then the update.
    ///
    /// A button press is answered with `answerCallbackQuery` straight from here, in a detached
    /// request, once the event is stored. The answer only stops the client's spinner, so it does
    /// not wait for the conversation and is not retried; a failure is logged and the reply still
    /// goes through the outbox.
    func telegramWebhook(_ request: HTTPRequest, logger: Logger) -> HTTPResponse {
        guard let telegram = channels.telegram else {
            return .text(404, "kênh Telegram chưa bật; đặt MOTCUA_TELEGRAM_SECRET\n")
        }
        guard request.method == "POST" else {
            return .text(405, "use POST\n")
        }

        do {
            try TelegramWebhook.verify(
                secretHeader: request.header(TelegramWebhook.secretHeaderName), settings: telegram)
        } catch {
            logger.warning("webhook secret invalid", ["channel": "telegram", "error": "\(error)"])
            return .text(401, "invalid secret token\n")
        }

        let decision: TelegramWebhookDecision
        do {
            let receivedAtMillis = Int64(clock().timeIntervalSince1970 * 1000)
            decision = try TelegramWebhook.decode(body: request.body, receivedAtMillis: receivedAtMillis)
        } catch {
            logger.warning("webhook rejected", ["channel": "telegram", "error": "\(error)"])
            return .text(400, "malformed body: \(error)\n")
        }

        let response: HTTPResponse
        switch decision {
        case .ignored(let reason, _):
            logger.debug("webhook event ignored", ["channel": "telegram", "reason": reason])
            response = .json(200, Array(#"{"status":"ignored"}"#.utf8))
        case .event(let event, _):
            response = storeEvents([event], channel: .telegram, logger: logger)
        }
        // After a 503 Telegram sends the update again, and the query is answered then.
        if response.status == 200, let callbackQueryID = decision.callbackQueryID {
            answerCallbackQuery(callbackQueryID, settings: telegram, logger: logger)
        }
        return response
    }

    private func answerCallbackQuery(_ id: String, settings: TelegramSettings, logger: Logger) {
        let request = TelegramSender.answerCallbackQuery(id: id, settings: settings)
        let client = client
        Task {
            let outcome: DeliveryOutcome
            do {
                let response = try await client.send(
                    HTTPClientRequest(
                        method: request.method, url: request.url,
                        headers: request.headers.map { (name: $0.key, value: $0.value) }, body: request.body))
                outcome = TelegramSender.classify(
                    status: response.status, headers: response.headers, body: response.body)
            } catch {
                outcome = .retry(after: nil, reason: "\(error)")
            }
            switch outcome {
            case .delivered:
                logger.debug("callback query answered", ["channel": "telegram"])
            case .retry(_, let reason), .permanent(let reason), .tokenExpired(let reason):
                logger.warning("answering a callback query failed", ["channel": "telegram", "reason": reason])
            }
        }
    }
}
