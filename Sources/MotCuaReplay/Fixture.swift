import Foundation
import MotCuaCore

/// A scripted conversation from `fixtures/conversations/*.yaml`: what the citizen sends, turn by
/// turn, and what the bot must answer.
public struct Fixture: Sendable {
    /// One step of the script, with the 1-based line it starts on.
    public enum Turn: Sendable {
        /// The citizen sends `content`; `expect` nil leaves the replies unchecked, empty forbids any.
        case send(InboundContent, expect: [Expectation]?, line: Int)
        /// The fake clock moves forward without a message.
        case wait(TimeInterval, line: Int)
    }

    /// The checks on one reply, in the order the bot sends its replies. Every key given must hold.
    public struct Expectation: Sendable, Equatable {
        /// The whole reply text.
        public var text: String?
        /// A part of the reply text.
        public var contains: String?
        /// A regular expression that must match somewhere in the reply text.
        public var matches: String?
        /// The titles of the reply's buttons, in order.
        public var buttons: [String]?
        /// A variable that keeps what `matches` found (its first group, else the whole match), so a
        /// later turn can send it as `{{name}}`, such as a random receipt code to look up.
        public var save: String?
        public var line: Int

        public init(
            text: String? = nil, contains: String? = nil, matches: String? = nil, buttons: [String]? = nil,
            save: String? = nil, line: Int
        ) {
            self.text = text
            self.contains = contains
            self.matches = matches
            self.buttons = buttons
            self.save = save
            self.line = line
        }
    }

    /// The file the fixture was read from, as given to the parser.
    public var path: String
    public var name: String
    public var channel: ChannelKind
    public var userID: String
    /// The templates folder, resolved against the fixture's folder; nil means the caller's default.
    public var templatesFolder: String?
    /// The fake clock's start.
    public var start: Date
    public var turns: [Turn]
}

extension Fixture.Turn {
    /// The 1-based line the turn starts on.
    public var line: Int {
        switch self {
        case .send(_, _, let line), .wait(_, let line): return line
        }
    }

    /// The text the turn sends, as shown in reports. A wait shows its duration in seconds.
    public var sentText: String {
        switch self {
        case .send(let content, _, _): return FixtureRunner.describe(content)
        case .wait(let seconds, _): return "chờ \(Int(seconds)) giây"
        }
    }
}
