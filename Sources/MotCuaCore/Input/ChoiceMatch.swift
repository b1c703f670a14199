/// The outcome of reading a reply to a multiple-choice question.
public enum ChoiceMatch: Equatable, Sendable {
    /// The index of the one option the reply names.
    case matched(Int)
    /// The indexes, in ascending order, of two or more options that the reply names equally well, so
    /// the flow can ask which one the citizen means.
    case ambiguous([Int])
    case none
}
