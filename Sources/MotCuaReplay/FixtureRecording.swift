import MotCuaCore

/// A record of one fixture run: the bot's replies to each message turn, and the flow steps and
/// `next` rules the run went through.
public struct FixtureRecording: Sendable {
    /// The replies to one message turn; `turn` is the 1-based index of the turn in the fixture.
    public struct TurnReplies: Sendable {
        public var turn: Int
        public var replies: [OutboundMessage]
    }

    public var turns: [TurnReplies] = []
    public var enteredSteps: Set<StepReference> = []
    public var transitions: Set<StepTransition> = []
    /// Problems a chaos mode found that are not reply differences, such as a duplicate the store
    /// accepted, with the 1-based turn they happened on.
    public var chaosProblems: [(turn: Int, message: String)] = []
}
