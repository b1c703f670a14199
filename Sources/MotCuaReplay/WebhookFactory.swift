import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP

/// Builds the signed webhook request a platform would post for one citizen message, with ids
/// that are new on every call so the server never takes a turn for a duplicate.
struct WebhookFactory {
    let channel: ChannelKind
    let target: TargetSettings
    let userID: String
    private var counter: Int64 = 0
    private let nonce = Int64(Date().timeIntervalSince1970 * 1000)

    /// Throws when the channel's secret variable is not set.
    init(channel: ChannelKind, target: TargetSettings, userID: String) throws {
        let missing: String? =
            switch channel {
            case .zalo: target.zalo == nil ? "MOTCUA_ZALO_OA_SECRET" : nil
            case .telegram: target.telegram == nil ? "MOTCUA_TELEGRAM_SECRET" : nil
            case .messenger: target.messenger == nil ? "MOTCUA_MESSENGER_APP_SECRET" : nil
            }
        if let missing {
            throw FixtureError(
                path: "", line: 0,
                message: "--target với kênh \(channel.rawValue) cần biến \(missing), đặt giống giá trị của server")
        }
        self.channel = channel
        self.target = target
        self.userID = userID
    }

    private var path: String { target.serverURL + "/webhooks/" + channel.rawValue }

    /// Returns the request for `content`, or nil when the channel has no such message in the
    /// builders: files, stickers and unfollow on every channel, and Messenger locations and follows.
    /// NOTE: Zalo has no button events, so a button press is sent as the button value typed as text.
    mutating func webhook(for content: InboundContent) -> HTTPClientRequest? {
        counter += 1
        let millis = nonce + counter
        let id = "replay-\(nonce)-\(counter)"
        switch channel {
        case .zalo:
            guard let settings = target.zalo else { return nil }
            let signed: ZaloWebhookBuilder.SignedBody
            switch content {
            case .text(let text), .button(let text):
                signed = ZaloWebhookBuilder.textEvent(
                    text: text, userID: userID, msgID: id, timestampMillis: millis, settings: settings)
            case .image(let url, let caption):
                signed = ZaloWebhookBuilder.imageEvent(
                    url: url, caption: caption, userID: userID, msgID: id, timestampMillis: millis, settings: settings)
            case .location(let latitude, let longitude):
                signed = ZaloWebhookBuilder.locationEvent(
                    latitude: latitude, longitude: longitude, userID: userID, msgID: id, timestampMillis: millis,
                    settings: settings)
            case .follow:
                signed = ZaloWebhookBuilder.followEvent(userID: userID, timestampMillis: millis, settings: settings)
            default:
                return nil
            }
            return request(signed.body, header: (ZaloWebhook.signatureHeaderName, signed.signature))
        case .telegram:
            guard let settings = target.telegram, let chatID = Int64(userID) else { return nil }
            let date = millis / 1000
            let body: [UInt8]
            switch content {
            case .text(let text):
                body = TelegramWebhookBuilder.textUpdate(
                    text: text, chatID: chatID, updateID: millis, messageID: counter, date: date)
            case .follow:
                body = TelegramWebhookBuilder.textUpdate(
                    text: "/start", chatID: chatID, updateID: millis, messageID: counter, date: date)
            case .button(let value):
                body = TelegramWebhookBuilder.callbackUpdate(
                    data: value, callbackQueryID: id, chatID: chatID, updateID: millis, messageID: counter, date: date)
            case .image(let url, let caption):
                body = TelegramWebhookBuilder.photoUpdate(
                    fileIDs: [url], caption: caption, chatID: chatID, updateID: millis, messageID: counter, date: date)
            case .location(let latitude, let longitude):
                body = TelegramWebhookBuilder.locationUpdate(
                    latitude: latitude, longitude: longitude, chatID: chatID, updateID: millis, messageID: counter,
                    date: date)
            default:
                return nil
            }
            return request(body, header: (TelegramWebhook.secretHeaderName, settings.secretToken))
        case .messenger:
            guard let settings = target.messenger else { return nil }
            let envelope = MessengerWebhookBuilder.Envelope(senderID: userID, timestampMillis: millis)
            let signed: MessengerWebhookBuilder.SignedBody
            switch content {
            case .text(let text):
                signed = MessengerWebhookBuilder.textEvent(text: text, mid: id, envelope: envelope, settings: settings)
            case .button(let value):
                signed = MessengerWebhookBuilder.postbackEvent(
                    title: value, payload: value, mid: id, envelope: envelope, settings: settings)
            case .image(let url, _):
                signed = MessengerWebhookBuilder.imageEvent(url: url, mid: id, envelope: envelope, settings: settings)
            default:
                return nil
            }
            return request(signed.body, header: (MessengerWebhook.signatureHeaderName, signed.signature))
        }
    }

    /// Signs an existing body for this channel: Zalo's and Messenger's signatures cover the body,
    /// Telegram sends its secret token.
    func signedRequest(_ body: [UInt8]) throws -> HTTPClientRequest {
        switch channel {
        case .zalo:
            guard let settings = target.zalo else { throw missingSecret() }
            let signature = try ZaloWebhook.signatureHeaderValue(body: body, settings: settings)
            return request(body, header: (ZaloWebhook.signatureHeaderName, signature))
        case .telegram:
            guard let settings = target.telegram else { throw missingSecret() }
            return request(body, header: (TelegramWebhook.secretHeaderName, settings.secretToken))
        case .messenger:
            guard let settings = target.messenger else { throw missingSecret() }
            let signature = MessengerWebhook.signatureHeaderValue(body: body, settings: settings)
            return request(body, header: (MessengerWebhook.signatureHeaderName, signature))
        }
    }

    private func missingSecret() -> FixtureError {
        FixtureError(path: channel.rawValue, line: 0, message: "thiếu khóa bí mật của kênh \(channel.rawValue)")
    }

    private func request(_ body: [UInt8], header: (String, String)) -> HTTPClientRequest {
        HTTPClientRequest(
            method: "POST", url: path,
            headers: [(name: "Content-Type", value: "application/json"), (name: header.0, value: header.1)], body: body)
    }
}
