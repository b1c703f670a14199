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
    public mutating func run(
        _ fixture: Fixture, chaos: Set<ChaosMode> = [], language: ReplayLanguage = .vietnamese
    ) throws -> FixtureReport {
        let recording = try record(fixture, chaos: chaos)
        return Self.report(fixture, recording, language: language)
    }

    /// Compares a recording with the fixture's expectations.
    public static func report(
        _ fixture: Fixture, _ recording: FixtureRecording, language: ReplayLanguage = .vietnamese
    ) -> FixtureReport {
        var mismatches: [FixtureReport.Mismatch] = []
        for recorded in recording.turns {
            guard case .send(let content, let expect?, let line) = fixture.turns[recorded.turn - 1] else { continue }
            let context = TurnContext(path: fixture.path, line: line, turn: recorded.turn, sent: Self.describe(content))
            mismatches += Self.compare(recorded.replies, with: expect, context, language: language)
        }
        for problem in recording.chaosProblems {
            let line = fixture.turns[problem.turn - 1].line
            mismatches.append(
                FixtureReport.Mismatch(
                    path: fixture.path, line: line, turn: problem.turn, sent: fixture.turns[problem.turn - 1].sentText,
                    problem: problem.message, expected: "", actual: ""))
        }
        return FixtureReport(
            path: fixture.path, name: fixture.name, turns: fixture.turns.count, mismatches: mismatches)
    }

    /// Runs `fixture` without checking it and records the bot's replies to each message turn and
    /// the steps it went through. A record mode can build expectations from the replies.
    public mutating func record(_ fixture: Fixture, chaos: Set<ChaosMode> = []) throws -> FixtureRecording {
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
        var recording = FixtureRecording()
        var queued: [(turn: Int, expect: [Fixture.Expectation]?)] = []

        // Processes the queued turns' events and files their replies under each turn.
        func flush() {
            guard !queued.isEmpty else { return }
            if chaos.contains(.restart) {
                do {
                    try conversation.reloadState()
                } catch {
                    recording.chaosProblems.append((queued[0].turn, "không nạp lại được trạng thái: \(error)"))
                }
            }
            let repliesPerEvent = conversation.processPending(now: now)
            recording.enteredSteps.formUnion(conversation.enteredSteps)
            recording.transitions.formUnion(conversation.transitions)
            if repliesPerEvent.count != queued.count {
                recording.chaosProblems.append(
                    (queued[0].turn, "xử lý \(repliesPerEvent.count) sự kiện, mong đợi \(queued.count)"))
            }
            for (item, replies) in zip(queued, repliesPerEvent) {
                for (reply, expectation) in zip(replies, item.expect ?? []) {
                    Self.capture(reply.text, expectation, into: &variables)
                }
                recording.turns.append(.init(turn: item.turn, replies: replies))
            }
            queued = []
        }

        for (index, turn) in fixture.turns.enumerated() {
            switch turn {
            case .wait(let seconds, _):
                flush()
                now += seconds
            case .send(let content, let expect, _):
                // A turn that sends a saved variable needs the earlier replies first, even in a burst.
                if !chaos.contains(.burst) || Self.usesVariables(content) { flush() }
                let eventID = "replay-\(index + 1)"
                let event = Self.substitute(variables, in: content)
                if !conversation.deliver(event, eventID: eventID, now: now) {
                    recording.chaosProblems.append((index + 1, "kho không nhận sự kiện \(eventID)"))
                }
                if chaos.contains(.duplicate), conversation.deliver(event, eventID: eventID, now: now) {
                    recording.chaosProblems.append(
                        (index + 1, "sự kiện lặp \(eventID) không bị bỏ qua: kho nhận nó lần thứ hai"))
                }
                queued.append((index + 1, expect))
                if !chaos.contains(.burst) { flush() }
            }
        }
        flush()
        return recording
    }

    private static func usesVariables(_ content: InboundContent) -> Bool {
        switch content {
        case .text(let text), .button(let text): return text.contains("{{")
        default: return false
        }
    }

    /// Replaces `{{name}}` in typed text and button values with saved variables.
    static func substitute(_ variables: [String: String], in content: InboundContent) -> InboundContent {
        func filled(_ text: String) -> String {
            variables.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
        }
        switch content {
        case .text(let text): return .text(filled(text))
        case .button(let value): return .button(filled(value))
        default: return content
        }
    }

    static func capture(
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

    /// Returns the flows `fixture` runs against, loading them on first use.
    public mutating func catalog(for fixture: Fixture) throws -> FlowCatalog {
        try templates(fixture.templatesFolder ?? defaultTemplates, fixture: fixture).catalog
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
        _ replies: [OutboundMessage], with expect: [Fixture.Expectation], _ context: TurnContext,
        language: ReplayLanguage
    ) -> [FixtureReport.Mismatch] {
        func mismatch(_ line: Int, _ problem: String, _ expected: String, _ actual: String) -> FixtureReport.Mismatch {
            FixtureReport.Mismatch(
                path: context.path, line: line, turn: context.turn, sent: context.sent, problem: problem,
                expected: expected, actual: actual)
        }

        guard replies.count == expect.count else {
            let none = language.pick("(không tin nào)", "(no message)")
            return [
                mismatch(
                    context.line,
                    language.pick(
                        "bot gửi \(replies.count) tin, mong đợi \(expect.count) tin",
                        "the bot sent \(replies.count) messages, expected \(expect.count)"),
                    expect.isEmpty ? none : expect.map { describe($0, language) }.joined(separator: "\n---\n"),
                    replies.isEmpty ? none : replies.map { describe($0, language) }.joined(separator: "\n---\n"))
            ]
        }

        var result: [FixtureReport.Mismatch] = []
        for (number, (reply, expectation)) in zip(replies, expect).enumerated() {
            let position = language.pick("tin thứ \(number + 1)", "message \(number + 1)")
            if let text = expectation.text, reply.text != text {
                result.append(
                    mismatch(
                        expectation.line, language.pick("\(position) khác chữ", "\(position) has other text"), text,
                        reply.text))
            }
            if let part = expectation.contains, !reply.text.contains(part) {
                result.append(
                    mismatch(
                        expectation.line,
                        language.pick(
                            "\(position) không chứa đoạn mong đợi", "\(position) does not contain the expected part"),
                        part, reply.text))
            }
            if let pattern = expectation.matches, !matches(pattern, reply.text) {
                result.append(
                    mismatch(
                        expectation.line,
                        language.pick(
                            "\(position) không khớp biểu thức", "\(position) does not match the regular expression"),
                        pattern, reply.text))
            }
            if let titles = expectation.buttons, titles != reply.buttons.map(\.title) {
                result.append(
                    mismatch(
                        expectation.line, language.pick("\(position) có nút khác", "\(position) has other buttons"),
                        titles.joined(separator: "\n"), reply.buttons.map(\.title).joined(separator: "\n")))
            }
        }
        return result
    }

    private static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Writes an expectation as the lines a matching reply would show where it can, so that a line
    /// diff against the replies lines up: an exact text is written as is, other checks are marked.
    private static func describe(_ expectation: Fixture.Expectation, _ language: ReplayLanguage) -> String {
        var lines: [String] = []
        if let text = expectation.text { lines.append(text) }
        if let part = expectation.contains { lines.append(language.pick("(chứa) ", "(contains) ") + part) }
        if let pattern = expectation.matches { lines.append(language.pick("(khớp) ", "(matches) ") + pattern) }
        if let titles = expectation.buttons { lines.append(buttonsLine(titles, language)) }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ reply: OutboundMessage, _ language: ReplayLanguage) -> String {
        guard !reply.buttons.isEmpty else { return reply.text }
        return reply.text + "\n" + buttonsLine(reply.buttons.map(\.title), language)
    }

    private static func buttonsLine(_ titles: [String], _ language: ReplayLanguage) -> String {
        language.pick("[nút: ", "[buttons: ") + titles.joined(separator: " | ") + "]"
    }

    static func describe(_ content: InboundContent) -> String {
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
