import Foundation

/// The processing status of a dossier or a field report. Raw values are the stored keys; citizens
/// see the Vietnamese label under `status.<raw value>` in the messages file.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case received
    case processing
    case needsInfo = "needs_info"
    case done
    case rejected
    case closed

    /// The message key of the Vietnamese label.
    public var labelKey: String { "status.\(rawValue)" }
}

/// Which kind of record a status change belongs to.
public enum CaseKind: String, Sendable, Codable {
    case dossier
    case report
}

/// One status change an official made, kept as the record's history.
public struct StatusChange: Sendable, Equatable, Codable {
    public var kind: CaseKind
    /// The dossier's receipt code or the report's ticket.
    public var code: String
    public var status: CaseStatus
    /// The official's note to the citizen; nil when none was written.
    public var note: String?
    /// The admin API role that made the change, such as `officer`.
    public var officialRole: String
    public var changedAt: Date

    public init(
        kind: CaseKind, code: String, status: CaseStatus, note: String?, officialRole: String, changedAt: Date
    ) {
        self.kind = kind
        self.code = code
        self.status = status
        self.note = note
        self.officialRole = officialRole
        self.changedAt = changedAt
    }
}
