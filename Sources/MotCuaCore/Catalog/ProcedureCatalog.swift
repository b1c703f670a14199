/// The procedures of templates/procedures, looked up by code or by what citizens type.
public struct ProcedureCatalog: Sendable {
    /// Procedures in the order they were added.
    public private(set) var procedures: [Procedure] = []
    private var indexByCode: [String: Int] = [:]
    /// Search keys, rebuilt when a procedure is added.
    var index = ProcedureIndex(procedures: [])
    /// Each procedure's folded phrases in `procedures` order. Folding is the costly part of
    /// building the index, so adding a procedure folds only its own texts.
    private var phrases: [[[String]]] = []

    public init(procedures: [Procedure] = []) {
        for procedure in procedures { add(procedure) }
    }

    public var isEmpty: Bool { procedures.isEmpty }

    /// Adds a procedure; a later one with the same code replaces the earlier one. `load(from:source:)`
    /// reports a repeated code as an error instead.
    public mutating func add(_ procedure: Procedure) {
        let folded = ProcedureIndex.phrases(of: procedure)
        if let existing = indexByCode[procedure.code] {
            procedures[existing] = procedure
            phrases[existing] = folded
        } else {
            indexByCode[procedure.code] = procedures.count
            procedures.append(procedure)
            phrases.append(folded)
        }
        index = ProcedureIndex(procedures: procedures, phrases: phrases)
    }

    /// The procedure with exactly this code, as stored in a slot or a button value.
    public func procedure(code: String) -> Procedure? {
        indexByCode[code].map { procedures[$0] }
    }

    /// Returns the problems that need the flows: a `flow:` naming a flow that is not loaded.
    public func problems(flowIDs: Set<String>) -> [FlowError] {
        procedures.compactMap { procedure in
            guard let flowID = procedure.flowID, !flowIDs.contains(flowID) else { return nil }
            return FlowError(
                file: procedure.source, line: procedure.flowLine,
                message: "thủ tục '\(procedure.code)' trỏ tới kịch bản không tồn tại '\(flowID)'; "
                    + "để trống 'flow' cho tới khi có tệp kịch bản đó")
        }
    }
}
