/// The actions a flow step may name with `action:`, and what the linter needs to know of each.
struct BuiltInAction {
    var name: String
    /// True when the action receives the answers collected so far, so that reaching it counts as
    /// using every answer: a dossier or a field report files them all.
    var consumesAnswers: Bool
    /// Slots the action sets when it completes.
    var results: [String]

    static let all: [BuiltInAction] = [
        BuiltInAction(name: "submit_dossier", consumesAnswers: true, results: ["ma_ho_so"]),
        BuiltInAction(name: "create_report", consumesAnswers: true, results: ["ma_phan_anh"]),
        BuiltInAction(name: "lookup_status", consumesAnswers: true, results: ["tim_thay", "ket_qua_tra_cuu"]),
        BuiltInAction(name: "subscribe", consumesAnswers: true, results: ["dang_ky"]),
        BuiltInAction(name: "unsubscribe", consumesAnswers: true, results: []),
        BuiltInAction(name: "handoff", consumesAnswers: false, results: []),
        BuiltInAction(name: "delete_my_data", consumesAnswers: false, results: ["da_xoa"]),
        BuiltInAction(name: "calculate_copy_fee", consumesAnswers: true, results: ["le_phi", "le_phi_so"]),
    ]

    static func named(_ name: String) -> BuiltInAction? {
        all.first { $0.name == name }
    }
}
