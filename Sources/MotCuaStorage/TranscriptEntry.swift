import Foundation
import MotCuaCore

/// One message of a conversation's transcript, which is an event the citizen sent or a reply that
/// the bot or an official queued to the citizen.
public struct TranscriptEntry: Sendable, Equatable {
    public enum Direction: String, Sendable {
        /// From the citizen, stored in the inbox.
        case inbound = "in"
        /// To the citizen, stored in the outbox.
        case outbound = "out"
    }

    /// The entry's table and row. The text form is `in-<inbox sequence>` or `out-<outbox id>`.
    public struct ID: Hashable, Sendable, CustomStringConvertible {
        public var direction: Direction
        public var rowID: Int64

        public init(direction: Direction, rowID: Int64) {
            self.direction = direction
            self.rowID = rowID
        }

        /// Parses the text form. Returns nil unless the text is a direction, a hyphen and a positive row number.
        public init?(_ text: String) {
            guard let hyphen = text.firstIndex(of: "-"),
                let direction = Direction(rawValue: String(text[..<hyphen])),
                let rowID = Int64(text[text.index(after: hyphen)...]), rowID > 0
            else {
                return nil
            }
            self.init(direction: direction, rowID: rowID)
        }

        public var description: String { "\(direction.rawValue)-\(rowID)" }
    }

    public enum Content: Sendable, Equatable {
        case inbound(InboundContent)
        case outbound(OutboundMessage, status: OutboxEntry.Status)
    }

    public var id: ID
    /// The time the server received the event, or the time the reply was queued.
    public var at: Date
    public var content: Content

    public init(id: ID, at: Date, content: Content) {
        self.id = id
        self.at = at
        self.content = content
    }
}
