extension Turn {
    /// Replaces the derived slots of a `procedure` question (`slot_ten`, `slot_giay_to`…) with those
    /// of the procedure now in `slot`, or removes them when the slot is empty, so that an answer
    /// changed on the summary leaves nothing of the earlier procedure behind.
    mutating func setProcedureSlots(_ slot: String) {
        for name in ProcedureSlots.names(for: slot) {
            state.slots[name] = nil
        }
        guard let code = state.slots[slot]?.value, let procedure = engine.procedures.procedure(code: code) else {
            return
        }
        let values = ProcedureSlots.values(of: procedure, slot: slot) { engine.catalog.flow($0) != nil }
        for (name, text) in values {
            state.slots[name] = SlotValue(value: text, display: text)
        }
    }

    /// Returns the id of the loaded flow linked to the procedure whose code is in `slot`, or nil.
    func linkedFlow(ofProcedureIn slot: String) -> String? {
        guard let code = state.slots[slot]?.value,
            let flowID = engine.procedures.procedure(code: code)?.flowID,
            engine.catalog.flow(flowID) != nil
        else { return nil }
        return flowID
    }
}
