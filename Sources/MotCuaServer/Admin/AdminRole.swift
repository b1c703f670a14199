/// What an admin API token may do. `admin` may do everything, `officer` reads and changes dossiers,
/// reports and conversations in handoff, `viewer` only reads.
enum AdminRole: String, Sendable, CaseIterable {
    case admin
    case officer
    case viewer

    /// True when the role may change records or write to citizens.
    var mayWrite: Bool { self != .viewer }
}
