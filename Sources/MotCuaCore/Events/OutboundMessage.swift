/// A reply button: `title` is shown, `value` comes back when the citizen presses it.
public struct ReplyButton: Sendable, Equatable, Codable, Hashable {
    public var title: String
    public var value: String

    public init(title: String, value: String) {
        self.title = title
        self.value = value
    }
}

/// A message the bot sends, independent of the platform; channels render buttons as they can.
public struct OutboundMessage: Sendable, Equatable, Codable {
    public var text: String
    public var buttons: [ReplyButton]

    public init(text: String, buttons: [ReplyButton] = []) {
        self.text = text
        self.buttons = buttons
    }
}
