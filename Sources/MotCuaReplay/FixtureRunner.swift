import Foundation
import MotCuaCore
import MotCuaServer
import MotCuaYAML

/// Runs conversation fixtures in process against the real engine and actions, with a fake clock
/// that starts at the fixture's `start` and moves only on `wait`.
public struct FixtureRunner {
    private let defaultTemplates: String
    private let settings: EngineSettings
    private var loaded: [String: Templates] = [:]

    /// `defaultTemplates` is used by fixtures without a `templates` key.
    public init(defaultTemplates: String, settings: EngineSettings = EngineSettings()) {
        self.defaultTemplates = defaultTemplates
        self.settings = settings
    }

    /// Runs `fixture` and compares each checked turn's replies with its expectations. Throws when
    /// the templates cannot be loaded or the in-memory store cannot be created.
    public mutating func run(_ fixture: Fixture) throws -> FixtureReport {
        var mismatches: [FixtureReport.Mismatch] = []
        for recorded in try record(fixture) {
            guard case .send(let content, let expect?, let line) = fixture.turns[recorded.turn - 1] else { continue }
            let context = TurnContext(path: fixture.path, line: line, turn: recorded.turn, sent: Self.describe(content))
            mismatches += Self.compare(recorded.replies, with: expect, context)
        }
        return FixtureReport(
            path: fixture.path, name: fixture.name, turns: fixture.turns.count, mismatches: mismatches)
    }

    /// Runs `fixture` without checking it and returns the bot's replies to each message turn, with
    /// the turn's 1-based index. A record mode can build expectations from them.
    public mutating func record(_ fixture: Fixture) throws -> [(turn: Int, replies: [OutboundMessage])] {
        let templates = try templates(fixture.templatesFolder ?? defaultTemplates, fixture: fixture)
        let engine = ConversationEngine(
            catalog: templates.catalog, messages: templates.messages, settings: settings,
            communes: templates.communes, procedures: templates.procedures)
        // NOTE: LocalConversation always runs as a Zalo conversation; `channel` changes nothing in
        // process because replies do not depend on the channel.
        var conversation = try LocalConversation(
            engine: engine, userID: fixture.userID, logger: Logger(label: "motcua.replay", level: .error))

        var now = fixture.start
        var variables: [String: String] = [:]
        var result: [(turn: Int, replies: [OutboundMessage])] = []
        for (index, turn) in fixture.turns.enumerated() {
            switch turn {
            case .wait(let seconds, _):
                now += seconds
            case .send(let content, let expect, _):
                let replies = conversation.send(Self.substitute(variables, in: content), now: now)
                for (reply, expectation) in zip(replies, expect ?? []) {
                    Self.capture(reply.text, expectation, into: &variables)
                }
                result.append((index + 1, replies))
            }
        }
        return result
    }

    /// Replaces `{{name}}` in typed text and button values with saved variables.
    private static func substitute(_ variables: [String: String], in content: InboundContent) -> InboundContent {
        func filled(_ text: String) -> String {
            variables.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
        }
        switch content {
        case .text(let text): return .text(filled(text))
        case .button(let value): return .button(filled(value))
        default: return content
        }
    }

    private static func capture(
        _ text: String, _ expectation: Fixture.Expectation, into variables: inout [String: String]
    ) {
        guard let name = expectation.save, let pattern = expectation.matches,
            let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return }
        let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        if let range = Range(group, in: text) {
            variables[name] = String(text[range])
        }
    }

    private mutating func templates(_ folder: String, fixture: Fixture) throws -> Templates {
        if let cached = loaded[folder] { return cached }
        do {
            let templates = try TemplateLoader.load(folder: folder)
            loaded[folder] = templates
            return templates
        } catch {
            throw FixtureError(path: fixture.path, line: 0, message: "không nạp được kịch bản ở \(folder): \(error)")
        }
    }
}

/// The position of a turn in its fixture, for mismatch reports.
private struct TurnContext {
    var path: String
    var line: Int
    var turn: Int
    var sent: String
}

extension FixtureRunner {
    /// Checks replies one to one against expectations. A different count is reported as one
    /// mismatch listing every reply, because pairing the rest would be guesswork.
    fileprivate static func compare(
        _ replies: [OutboundMessage], with expect: [Fixture.Expectation], _ context: TurnContext
    ) -> [FixtureReport.Mismatch] {
        func mismatch(_ line: Int, _ problem: String, _ expected: String, _ actual: String) -> FixtureReport.Mismatch {
            FixtureReport.Mismatch(
                path: context.path, line: line, turn: context.turn, sent: context.sent, problem: problem,
                expected: expected, actual: actual)
        }

        guard replies.count == expect.count else {
            return [
                mismatch(
                    context.line, "bot gửi \(replies.count) tin, mong đợi \(expect.count) tin",
                    expect.isEmpty ? "(không tin nào)" : expect.map(describe).joined(separator: "\n"),
                    replies.isEmpty ? "(không tin nào)" : replies.map(describe).joined(separator: "\n"))
            ]
        }

        var result: [FixtureReport.Mismatch] = []
        for (number, (reply, expectation)) in zip(replies, expect).enumerated() {
            let position = "tin thứ \(number + 1)"
            if let text = expectation.text, reply.text != text {
                result.append(mismatch(expectation.line, "\(position) khác chữ", text, reply.text))
            }
            if let part = expectation.contains, !reply.text.contains(part) {
                result.append(mismatch(expectation.line, "\(position) không chứa đoạn mong đợi", part, reply.text))
            }
            if let pattern = expectation.matches, !matches(pattern, reply.text) {
                result.append(mismatch(expectation.line, "\(position) không khớp biểu thức", pattern, reply.text))
            }
            if let titles = expectation.buttons, titles != reply.buttons.map(\.title) {
                result.append(
                    mismatch(
                        expectation.line, "\(position) có nút khác", "[\(titles.joined(separator: ", "))]",
                        "[\(reply.buttons.map(\.title).joined(separator: ", "))]"))
            }
        }
        return result
    }

    private static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func describe(_ expectation: Fixture.Expectation) -> String {
        var parts: [String] = []
        if let text = expectation.text { parts.append("text: \(text)") }
        if let part = expectation.contains { parts.append("contains: \(part)") }
        if let pattern = expectation.matches { parts.append("matches: \(pattern)") }
        if let titles = expectation.buttons { parts.append("buttons: [\(titles.joined(separator: ", "))]") }
        return "- " + parts.joined(separator: "; ")
    }

    private static func describe(_ reply: OutboundMessage) -> String {
        var text = "- " + reply.text
        if !reply.buttons.isEmpty {
            text += " [\(reply.buttons.map(\.title).joined(separator: ", "))]"
        }
        return text
    }

    fileprivate static func describe(_ content: InboundContent) -> String {
        switch content {
        case .text(let text): return "\"\(text)\""
        case .button(let value): return "nút \(value)"
        case .image(let url, _): return "ảnh \(url)"
        case .file(let url, _): return "tệp \(url)"
        case .location(let latitude, let longitude): return "vị trí \(latitude), \(longitude)"
        case .sticker(let id): return "nhãn dán \(id)"
        case .follow: return "follow"
        case .unfollow: return "unfollow"
        case .submittedInfo: return "thông tin gửi qua biểu mẫu"
        case .unsupported(let kind): return "tin \(kind)"
        }
    }
}
