/// The slots a `procedure` question sets besides its own: for a question saving `thu_tuc`, the
/// engine also sets `thu_tuc_ten`, `thu_tuc_giay_to` and the others below.
public enum ProcedureSlots {
    /// Suffixes of the derived slot names, in the order of `Procedure`'s fields.
    public static let suffixes = [
        "ten", "ma", "giay_to", "le_phi", "thoi_han", "co_quan", "noi_nop", "can_cu", "luu_y", "flow",
    ]

    /// Returns the derived slots of `procedure` for the question slot `slot`, as display texts. Lists
    /// become one "• " line per item. `_luu_y` is set only when the file has a `note`, and `_flow`
    /// only when `flowExists` accepts the procedure's flow, so that `{present: true}` on either one
    /// tells whether there is something to show or a flow to start.
    public static func values(
        of procedure: Procedure, slot: String, flowExists: (String) -> Bool
    ) -> [String: String] {
        var values = [
            "\(slot)_ten": procedure.name,
            "\(slot)_ma": procedure.code,
            "\(slot)_giay_to": bulleted(procedure.documents),
            "\(slot)_le_phi": procedure.fee,
            "\(slot)_thoi_han": procedure.processingTime,
            "\(slot)_co_quan": procedure.authority,
            "\(slot)_noi_nop": bulleted(procedure.whereToFile),
            "\(slot)_can_cu": procedure.legalBasis.joined(separator: "; "),
        ]
        if let note = procedure.note {
            values["\(slot)_luu_y"] = note
        }
        if let flowID = procedure.flowID, flowExists(flowID) {
            values["\(slot)_flow"] = flowID
        }
        return values
    }

    /// Every derived slot name of `slot`.
    public static func names(for slot: String) -> [String] {
        suffixes.map { "\(slot)_\($0)" }
    }

    private static func bulleted(_ items: [String]) -> String {
        items.map { "• \($0)" }.joined(separator: "\n")
    }
}
