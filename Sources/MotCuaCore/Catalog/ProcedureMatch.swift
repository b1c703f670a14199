/// The outcome of looking up what a citizen typed in the procedure catalog.
public enum ProcedureMatch: Sendable, Equatable {
    case matched(Procedure)
    /// Procedures that fit about equally well, best first, so the citizen can pick one.
    case several([Procedure])
    case none
}
