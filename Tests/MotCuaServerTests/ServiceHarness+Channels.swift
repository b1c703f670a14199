import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay

extension ServiceHarness {
    static let telegramToken = "123456:TELEGRAM_TOKEN_TEST"
    static let telegramSecret = "TELEGRAM_SECRET_TEST"
    static let messengerSettings = MessengerSettings(
        appSecret: "MESSENGER_APP_SECRET_TEST", verifyToken: "MESSENGER_VERIFY_TEST",
        pageToken: "MESSENGER_PAGE_TOKEN_TEST")

    var baseURL: String { "http://127.0.0.1:\(service!.port)" }

    /// Posts a Telegram update with an optional secret header; returns the HTTP status.
    func postTelegram(_ body: [UInt8], secret: String? = ServiceHarness.telegramSecret) async throws -> Int {
        var headers = [(name: "Content-Type", value: "application/json")]
        if let secret { headers.append((name: TelegramWebhook.secretHeaderName, value: secret)) }
        return try await client.send(
            HTTPClientRequest(method: "POST", url: "\(baseURL)/webhooks/telegram", headers: headers, body: body)
        ).status
    }

    /// Posts a Messenger body with an optional signature header; returns the HTTP status.
    func postMessenger(_ body: [UInt8], signature: String?) async throws -> Int {
        var headers = [(name: "Content-Type", value: "application/json")]
        if let signature { headers.append((name: MessengerWebhook.signatureHeaderName, value: signature)) }
        return try await client.send(
            HTTPClientRequest(method: "POST", url: "\(baseURL)/webhooks/messenger", headers: headers, body: body)
        ).status
    }

    /// Sends a GET to a path with its query already encoded.
    func get(_ pathAndQuery: String) async throws -> HTTPClientResponse {
        try await client.send(HTTPClientRequest(method: "GET", url: baseURL + pathAndQuery, headers: [], body: []))
    }

    /// Waits until the mock has received at least `count` messages on `channel`, at most `timeout` seconds.
    @discardableResult
    func waitForMessages(_ count: Int, on channel: ChannelKind, timeout: Double = 30) async
        -> [MockZaloAPI.ReceivedMessage]
    {
        let deadline = Date().addingTimeInterval(timeout)
        while mock.messages(on: channel).count < count, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return mock.messages(on: channel)
    }

    /// Runs `send`, then waits for the replies it causes on `channel`; returns them.
    func exchange(on channel: ChannelKind, _ send: () async throws -> Int) async throws
        -> [MockZaloAPI.ReceivedMessage]
    {
        let before = mock.messages(on: channel).count
        let status = try await send()
        guard status == 200 else { return [] }
        await waitForMessages(before + 1, on: channel)
        try await Task.sleep(for: .milliseconds(150))
        return Array(mock.messages(on: channel)[before...])
    }
}
