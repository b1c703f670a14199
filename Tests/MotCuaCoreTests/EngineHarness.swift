import Foundation
import MotCuaCore
import MotCuaYAML

/// Drives the engine with the repository's templates and a fake clock, performing actions the
/// way the server does.
struct EngineHarness {
    static let templatesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    private(set) var engine: ConversationEngine
    var state = ConversationState()
    var now: Date
    var receipts = 0
    var actions: [ActionRequest] = []

    init(now: String = "2026-03-02T08:00:00+07:00") throws {
        let templates = try TemplateLoader.load(folder: Self.templatesFolder)
        engine = ConversationEngine(
            catalog: templates.catalog, messages: templates.messages, communes: templates.communes,
            procedures: templates.procedures)
        self.now = ISO8601DateFormatter().date(from: now)!
    }

    mutating func replaceEngine(_ engine: ConversationEngine) {
        self.engine = engine
    }

    /// Sends content and returns the reply texts.
    @discardableResult
    mutating func send(_ content: InboundContent) -> [OutboundMessage] {
        var result = engine.received(content, state: state, now: now)
        var replies = result.replies
        while let action = result.action {
            actions.append(action)
            receipts += 1
            result = engine.actionCompleted(["ma_ho_so": "KS-TEST\(receipts)"], state: result.state, now: now)
            replies += result.replies
        }
        state = result.state
        return replies
    }

    @discardableResult
    mutating func say(_ text: String) -> [String] {
        send(.text(text)).map(\.text)
    }
}
