/// The outcome of looking up a commune typed by a citizen.
public enum CommuneMatch: Equatable, Sendable {
    case matched(Commune)
    /// Two or more communes that the text names equally well, in directory order, so the flow can
    /// ask which one the citizen means.
    case ambiguous([Commune])
    case none
}
