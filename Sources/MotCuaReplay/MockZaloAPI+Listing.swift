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
}
