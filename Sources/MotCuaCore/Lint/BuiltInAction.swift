/// The actions a flow step may name with `action:`, and what the linter needs to know of each.
struct BuiltInAction {
    var name: String
    /// True when the action receives the answers collected so far, so that reaching it counts as
    /// using every answer: a dossier or a field report files them all.
    var consumesAnswers: Bool
    /// Slots the action sets when it completes.
    var results: [String]

    // NOTE: only submit_dossier is performed by the server so far. The results of the other
    // actions are not settled, so a placeholder naming one of them is reported as unknown.
    static let all: [BuiltInAction] = [
        BuiltInAction(name: "submit_dossier", consumesAnswers: true, results: ["ma_ho_so"]),
        BuiltInAction(name: "create_report", consumesAnswers: true, results: []),
        BuiltInAction(name: "lookup_status", consumesAnswers: true, results: []),
        BuiltInAction(name: "subscribe", consumesAnswers: true, results: []),
        BuiltInAction(name: "unsubscribe", consumesAnswers: true, results: []),
        BuiltInAction(name: "handoff", consumesAnswers: false, results: []),
        BuiltInAction(name: "delete_my_data", consumesAnswers: false, results: []),
    ]

    static func named(_ name: String) -> BuiltInAction? {
        all.first { $0.name == name }
    }
}
