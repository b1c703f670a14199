import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP

/// The HTTP side of `--target`: builds signed webhooks, posts them, and polls the mock platform
/// API for the replies.
final class TargetClient: Sendable {
    let target: TargetSettings
    private let http: HTTPClient

    init(target: TargetSettings) throws {
        self.target = target
        http = try HTTPClient(configuration: .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 10))
    }

    func shutdown() { http.shutdown() }

    /// Sends each message turn of `fixture` as `platformUserID` and records the replies.
    func record(_ fixture: Fixture, platformUserID: String, language: ReplayLanguage) throws -> FixtureRecording {
        var recording = FixtureRecording()
        var variables: [String: String] = [:]
        var builder = try WebhookFactory(channel: fixture.channel, target: target, userID: platformUserID)
        for (index, turn) in fixture.turns.enumerated() {
            if case .wait(let seconds, _) = turn {
                try advanceClock(by: seconds)
                continue
            }
            guard case .send(let content, let expect, _) = turn else { continue }
            let before = try messages(for: platformUserID).count
            let event = FixtureRunner.substitute(variables, in: content)
            guard let request = builder.webhook(for: event) else {
                recording.chaosProblems.append(
                    (
                        index + 1,
                        language.pick(
                            "không gửi được loại tin này qua kênh \(fixture.channel.rawValue)",
                            "this kind of message cannot be sent on \(fixture.channel.rawValue)")
                    ))
                recording.turns.append(.init(turn: index + 1, replies: []))
                continue
            }
            let status = try send(request).status
            if !(200..<300).contains(status) {
                recording.chaosProblems.append(
                    (index + 1, language.pick("server trả HTTP \(status)", "the server answered HTTP \(status)")))
            }
            let received = try waitForReplies(platformUserID, after: before, expectedCount: expect?.count ?? 1)
            let replies = received.map { Self.reply(from: $0, channel: fixture.channel) }
            for (reply, expectation) in zip(replies, expect ?? []) {
                FixtureRunner.capture(reply.text, expectation, into: &variables)
            }
            recording.turns.append(.init(turn: index + 1, replies: replies))
        }
        return recording
    }

    /// Polls until at least `expectedCount` replies arrived and then none for `quietPeriod`. A server
    /// that spaces its replies (a per-citizen send limit) stays within one turn this way. It stops
    /// early when `replyTimeout` passes without a new reply, so a missing reply shows up as a
    /// mismatch. A turn that expects no reply waits one quiet period, and a turn without `expect:`
    /// waits for one reply.
    private func waitForReplies(_ userID: String, after before: Int, expectedCount: Int) throws -> [MockReply] {
        var seen = before
        var lastChange = Date()
        while true {
            Thread.sleep(forTimeInterval: 0.05)
            let current = try messages(for: userID)
            let now = Date()
            if current.count != seen {
                seen = current.count
                lastChange = now
            }
            let arrived = seen - before
            let quiet = now.timeIntervalSince(lastChange) >= target.quietPeriod
            if quiet, arrived >= expectedCount {
                return Array(current.dropFirst(before))
            }
            if now.timeIntervalSince(lastChange) >= target.replyTimeout { return Array(current.dropFirst(before)) }
        }
    }

    /// True when the mock moves the server's clock, which it does only when both run in one
    /// process started with MOTCUA_FAKE_CLOCK=1.
    func canAdvanceClock() -> Bool {
        (try? advanceClock(by: 0)) != nil
    }

    /// Puts the server's clock at `date`, as the in-process replay starts its fake clock at a
    /// fixture's `start:`.
    func setClock(to date: Date) throws {
        let text = ISO8601DateFormatter().string(from: date)
        let response = try send(HTTPClientRequest(method: "POST", url: target.mockURL + "/__mock/clock?set=" + text))
        guard response.status == 200 else {
            throw FixtureError(
                path: target.mockURL, line: 0,
                message:
                    "API giả lập trả HTTP \(response.status) cho /__mock/clock?set=; chạy server bằng MOTCUA_FAKE_CLOCK=1"
            )
        }
    }

    private func advanceClock(by seconds: Double) throws {
        let response = try send(
            HTTPClientRequest(method: "POST", url: target.mockURL + "/__mock/clock?advance=\(seconds)"))
        guard response.status == 200 else {
            throw FixtureError(
                path: target.mockURL, line: 0,
                message:
                    "API giả lập trả HTTP \(response.status) cho /__mock/clock; chạy server bằng MOTCUA_FAKE_CLOCK=1")
        }
    }

    /// A message as `GET /__mock/messages` lists it.
    struct MockReply: Decodable {
        var channel: String
        var text: String
        var buttonTitles: [String]

        enum CodingKeys: String, CodingKey {
            case channel
            case text
            case buttonTitles = "button_titles"
        }
    }

    private func messages(for userID: String) throws -> [MockReply] {
        let encoded = userID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? userID
        let response = try send(HTTPClientRequest(url: target.mockURL + "/__mock/messages?user=" + encoded))
        guard response.status == 200 else {
            throw FixtureError(
                path: target.mockURL, line: 0,
                message: "API giả lập trả HTTP \(response.status) cho /__mock/messages; --mock phải chỉ tới MockZaloAPI"
            )
        }
        return try JSONDecoder().decode([MockReply].self, from: Data(response.body))
    }

    /// Turns what the platform received back into the engine's reply. Zalo lists buttons as
    /// numbered lines after a blank line, and Telegram numbers its button titles, so both are
    /// undone here. A Zalo text that already listed its buttons is sent without a second list, so
    /// its last run of lines numbered from one is read as the buttons and the text stays whole.
    /// NOTE: a Zalo text with a numbered list but no buttons therefore comes back with buttons;
    /// Messenger titles longer than its limit come back shortened.
    static func reply(from message: MockReply, channel: ChannelKind) -> OutboundMessage {
        switch channel {
        case .zalo:
            if let range = message.text.range(of: "\n\n", options: .backwards),
                let titles = numberedTitles(message.text[range.upperBound...].split(separator: "\n").map(String.init))
            {
                return OutboundMessage(
                    text: String(message.text[..<range.lowerBound]),
                    buttons: titles.map { ReplyButton(title: $0, value: $0) })
            }
            let titles = listedTitles(in: message.text)
            return OutboundMessage(text: message.text, buttons: titles.map { ReplyButton(title: $0, value: $0) })
        case .telegram:
            let titles = numberedTitles(message.buttonTitles) ?? message.buttonTitles
            return OutboundMessage(text: message.text, buttons: titles.map { ReplyButton(title: $0, value: $0) })
        case .messenger:
            return OutboundMessage(
                text: message.text, buttons: message.buttonTitles.map { ReplyButton(title: $0, value: $0) })
        }
    }

    /// Returns the titles of the last run of lines in `text` numbered `1. `, `2. `… in order, or
    /// an empty list when no line starts with `1. `.
    static func listedTitles(in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.lastIndex(where: { $0.hasPrefix("1. ") }) else { return [] }
        var titles: [String] = []
        for line in lines[first...] {
            let prefix = "\(titles.count + 1). "
            guard line.hasPrefix(prefix) else { break }
            titles.append(String(line.dropFirst(prefix.count)))
        }
        return titles
    }

    /// Strips `1. `, `2. `… from lines numbered from one; nil when they are not numbered so.
    private static func numberedTitles(_ lines: [String]) -> [String]? {
        guard !lines.isEmpty else { return nil }
        var titles: [String] = []
        for (index, line) in lines.enumerated() {
            let prefix = "\(index + 1). "
            guard line.hasPrefix(prefix) else { return nil }
            titles.append(String(line.dropFirst(prefix.count)))
        }
        return titles
    }

    /// Posts a webhook fixture file to its channel's route, signed again with the target's
    /// secrets. The channel is the name of the file's folder. Throws a `FixtureError` naming the
    /// variable when the channel's secret is not set, because no file of that channel can pass.
    func postWebhookFixture(_ path: String, language: ReplayLanguage) throws -> (
        channel: ChannelKind?, status: Int, problem: String?
    ) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        guard let channel = ChannelKind(rawValue: folder) else {
            return (
                nil, 0,
                language.pick(
                    "không biết kênh của tệp; đặt nó trong thư mục zalo, telegram hoặc messenger",
                    "unknown channel; put the file in a zalo, telegram or messenger folder")
            )
        }
        guard let body = FileManager.default.contents(atPath: path) else {
            return (channel, 0, language.pick("không đọc được tệp", "cannot read the file"))
        }
        let factory = try WebhookFactory(channel: channel, target: target, userID: "0")
        do {
            let status = try send(try factory.signedRequest(Array(body))).status
            guard (200..<300).contains(status) else {
                return (
                    channel, status, language.pick("server trả HTTP \(status)", "the server answered HTTP \(status)")
                )
            }
            return (channel, status, nil)
        } catch {
            return (channel, 0, "\(error)")
        }
    }

    private func send(_ request: HTTPClientRequest) throws -> HTTPClientResponse {
        let box = ResponseBox()
        let client = http
        Task {
            do {
                box.set(.success(try await client.send(request)))
            } catch {
                box.set(.failure(error))
            }
        }
        return try box.wait().get()
    }
}

/// Hands one response from a task to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
    // @unchecked: `result` is written once before the semaphore is signalled and read after the wait.
    private var result: Result<HTTPClientResponse, any Error>?
    private let semaphore = DispatchSemaphore(value: 0)

    func set(_ value: Result<HTTPClientResponse, any Error>) {
        result = value
        semaphore.signal()
    }

    func wait() -> Result<HTTPClientResponse, any Error> {
        semaphore.wait()
        return result!
    }
}
