import Foundation
import MotCuaHTTP

extension MockZaloAPI {
    /// Serves `GET /__mock/messages?user=ID`: the messages received for that recipient, oldest
    /// first, as a JSON array of objects with `channel`, `recipient`, `text`, `buttons` (payloads)
    /// and `button_titles`. Without `user`, every message is listed. `motcua replay --target`
    /// reads the bot's replies here.
    func messagesListing(_ request: HTTPRequest) -> HTTPResponse {
        let user = request.query["user"]
        let selected = messages.filter { user == nil || $0.recipient == user }
        let objects: [[String: Any]] = selected.map { message in
            [
                "channel": message.channel.rawValue, "recipient": message.recipient, "text": message.text,
                "buttons": message.buttons, "button_titles": message.buttonTitles,
            ]
        }
        guard let body = try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys]) else {
            return .text(500, "cannot encode the message list\n")
        }
        return .json(200, Array(body))
    }

    /// Serves `POST /__mock/clock?advance=SECONDS`, which moves the shared server clock forward,
    /// and `POST /__mock/clock?set=ISO8601`, which puts it at that time. A space in `set` is read as
    /// `+`, since form decoding may turn the `+` of `+07:00` into one. Both return
    /// `{"offset_seconds": TOTAL}`. Returns 404 when the mock has no clock, because the
    /// server then reads the wall clock and a `wait:` cannot be replayed.
    func advanceClock(_ request: HTTPRequest) -> HTTPResponse {
        guard let clock else {
            return .text(404, "no adjustable clock: start the server with MOTCUA_FAKE_CLOCK=1 motcua demo\n")
        }
        if let text = request.query["set"] {
            let restored = text.replacingOccurrences(of: " ", with: "+")
            guard let date = ISO8601DateFormatter().date(from: restored) else {
                return .text(
                    400, "set must be an ISO 8601 time with an offset, such as set=2026-03-02T08:00:00+07:00\n")
            }
            let total = clock.set(to: date)
            return .json(200, Array("{\"offset_seconds\":\(total)}".utf8))
        }
        guard let seconds = request.query["advance"].flatMap(Double.init), seconds >= 0 else {
            return .text(400, "advance must be a number of seconds, such as advance=2700, or set=ISO8601\n")
        }
        let total = clock.advance(by: seconds)
        return .json(200, Array("{\"offset_seconds\":\(total)}".utf8))
    }
}
