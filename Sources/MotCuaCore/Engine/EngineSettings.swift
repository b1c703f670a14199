import Foundation

/// Engine behaviour that provinces may tune.
public struct EngineSettings: Sendable, Equatable {
    /// The zone in which "today" is decided for dates and ages.
    public var timeZone: TimeZone
    /// After this many bad answers in a row the citizen is offered numbered options.
    public var optionsAfterFailures: Int
    /// After this many bad answers in a row the citizen is offered an official or a pause.
    public var officialAfterFailures: Int
    /// Steps entered in one turn before the engine stops, which guards against a loop in a flow.
    public var maxStepsPerTurn: Int

    public init(
        timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!, optionsAfterFailures: Int = 2,
        officialAfterFailures: Int = 3, maxStepsPerTurn: Int = 50
    ) {
        self.timeZone = timeZone
        self.optionsAfterFailures = optionsAfterFailures
        self.officialAfterFailures = officialAfterFailures
        self.maxStepsPerTurn = maxStepsPerTurn
    }
}
