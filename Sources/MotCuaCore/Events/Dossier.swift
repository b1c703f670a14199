import Foundation

/// A filed procedure (hồ sơ): the answers of a finished flow and its receipt code.
public struct Dossier: Sendable, Equatable, Codable {
    public var receiptCode: String
    public var flowID: String
    public var flowVersion: String
    public var conversationID: ConversationID
    /// Answers by slot name in their canonical form: dates as yyyy-mm-dd, phone numbers in national
    /// form, the option value of a choice.
    public var answers: [String: String]
    public var status: String
    public var createdAt: Date

    public init(
        receiptCode: String, flowID: String, flowVersion: String, conversationID: ConversationID,
        answers: [String: String], status: String = "received", createdAt: Date
    ) {
        self.receiptCode = receiptCode
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.conversationID = conversationID
        self.answers = answers
        self.status = status
        self.createdAt = createdAt
    }
}
