import Foundation

/// A field report (phản ánh hiện trường) a citizen filed through a flow, such as a broken road or
/// flooding, with the ticket (`PA-…`) they use to follow it.
public struct FieldReport: Sendable, Equatable, Codable {
    public var ticket: String
    /// The category value the flow offered, such as `giao-thong`; empty when none was chosen.
    public var category: String
    public var description: String
    public var photoURLs: [String]
    /// "latitude,longitude" as the channel reported it, or nil.
    public var location: String?
    public var address: String?
    public var commune: String?
    /// How the citizen asked to be reached, such as a phone number; nil when not given.
    public var contact: String?
    public var conversationID: ConversationID
    /// A `CaseStatus` raw value.
    public var status: String
    public var createdAt: Date

    public init(
        ticket: String, category: String, description: String, photoURLs: [String] = [], location: String? = nil,
        address: String? = nil, commune: String? = nil, contact: String? = nil, conversationID: ConversationID,
        status: String = CaseStatus.received.rawValue, createdAt: Date
    ) {
        self.ticket = ticket
        self.category = category
        self.description = description
        self.photoURLs = photoURLs
        self.location = location
        self.address = address
        self.commune = commune
        self.contact = contact
        self.conversationID = conversationID
        self.status = status
        self.createdAt = createdAt
    }
}
