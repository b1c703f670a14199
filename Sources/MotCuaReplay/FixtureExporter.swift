import Foundation
import MotCuaCore
import MotCuaServer
import MotCuaStorage
import MotCuaYAML

/// Turns a stored conversation into a fixture file with personal data replaced, so that a
/// problem a citizen met can be replayed as a test.
public enum FixtureExporter {
    /// Reads the transcript of `userID` on `channel` from the SQLite database at `databasePath`
    /// and returns fixture YAML. The citizen's messages are run again through the engine with the
    /// templates in `templates`, so each answer is scrubbed by the kind of question it answered.
    /// The bot's stored replies become the expectations. Throws a `FixtureError` when the
    /// conversation is not stored.
    public static func export(
        databasePath: String, channel: ChannelKind, userID: String, templates: String
    ) throws -> String {
        let store = try SQLiteStore(path: databasePath)
        defer { store.close() }
        let id = ConversationID(channel: channel, userID: userID)
        guard let entries = try store.transcript(of: id, before: nil, limit: 100_000), !entries.isEmpty else {
            throw FixtureError(
                path: databasePath, line: 0,
                message: "không có hội thoại nào của \(channel.rawValue):\(userID); kiểm tra --user và --channel")
        }

        let loaded = try TemplateLoader.load(folder: templates)
        let engine = ConversationEngine(
            catalog: loaded.catalog, messages: loaded.messages, communes: loaded.communes,
            procedures: loaded.procedures)
        var conversation = try LocalConversation(
            engine: engine, userID: "xuat-du-lieu", logger: Logger(label: "motcua.export", level: .error))
        var scrubber = PersonalDataScrubber()

        let start = entries[0].at
        var lines = [
            "# Xuất từ hội thoại đã lưu; dữ liệu cá nhân đã được thay bằng giá trị giả.",
            "name: Hội thoại xuất ngày \(ISO8601DateFormatter().string(from: start))",
            "channel: \(channel.rawValue)",
            "user: nguoi-dan-xuat",
            "start: \(ISO8601DateFormatter().string(from: start))",
            "turns:",
        ]
        var clock = start
        var index = 0
        while index < entries.count {
            guard case .inbound(let content) = entries[index].content else {
                index += 1
                continue
            }
            let gap = entries[index].at.timeIntervalSince(clock)
            if gap >= 60 { lines.append("  - wait: \(Int(gap))s") }
            clock = max(clock, entries[index].at)

            let before = conversation.state
            _ = conversation.send(content, now: entries[index].at)
            let question = answeredQuestion(before: before, conversation: conversation)
            lines += userLines(content, question: question, scrubber: &scrubber)

            var replies: [OutboundMessage] = []
            index += 1
            while index < entries.count, case .outbound(let message, _) = entries[index].content {
                replies.append(
                    OutboundMessage(
                        text: scrubber.scrubText(message.text),
                        buttons: message.buttons.map {
                            ReplyButton(title: scrubber.scrubText($0.title), value: $0.value)
                        }
                    ))
                index += 1
            }
            if replies.isEmpty {
                lines.append("    expect: []")
            } else {
                lines.append("    expect:")
                for reply in replies { lines += FixtureUpdater.item(for: reply, column: 6) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Returns the question open in `before` when the last message to `conversation` was taken as
    /// its answer, and nil when it was rejected or ran a command such as "menu", "quay lại" or
    /// "dừng". A message counts as the answer when the engine left the question by its `next`
    /// rule, recorded the step as answered or stored a new value in the question's slot.
    /// NOTE: an answer to a question with no `next` and no action ends the flow without any of
    /// these signs, so it is kept as typed apart from the pattern scrub.
    static func answeredQuestion(before: ConversationState, conversation: LocalConversation) -> Question? {
        guard let flowID = before.flowID, let stepID = before.stepID,
            let step = conversation.engine.catalog.flow(flowID)?.steps[stepID],
            case .question(let question) = step.kind
        else { return nil }

        let after = conversation.state
        let leftByNextRule = conversation.transitions.contains { $0.flowID == flowID && $0.from == stepID }
        let recordedAsAnswered =
            after.flowID == flowID && after.history.last == stepID && after.history != before.history
        let storedNewValue =
            after.flowID == flowID && after.slots[question.slot] != nil
            && after.slots[question.slot] != before.slots[question.slot]
        return leftByNextRule || recordedAsAnswered || storedNewValue ? question : nil
    }

    private static func userLines(
        _ content: InboundContent, question: Question?, scrubber: inout PersonalDataScrubber
    ) -> [String] {
        let value: String
        switch content {
        case .text(let text):
            let scrubbed = scrubber.scrubAnswer(text, input: question?.input.type, slot: question?.slot)
            return ["  - " + YAMLText.pair("user", scrubbed, indent: 4).joined(separator: "\n")]
        case .button(let button): value = "{button: \(YAMLText.scalar(button, inFlow: true))}"
        // Photos and files may show the citizen, so only a placeholder address is kept.
        case .image: value = "{image: \"https://example.test/anh.jpg\"}"
        case .file: value = "{file: \"https://example.test/tep.pdf\"}"
        case .location(let latitude, let longitude):
            // Two decimals keep the commune (about 1 km) without pointing at a house.
            value = String(format: "{location: {lat: %.2f, lon: %.2f}}", latitude, longitude)
        case .sticker(let id): value = "{sticker: \(YAMLText.scalar(id, inFlow: true))}"
        case .follow: value = "{follow}"
        case .unfollow: value = "{unfollow}"
        case .submittedInfo, .unsupported:
            return ["  # Một tin không ghi lại được trong kịch bản thử đã bị bỏ qua."]
        }
        return ["  - user: " + value]
    }
}
