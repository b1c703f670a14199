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
    /// Idle time in a flow after which a returning citizen is asked to continue or start over.
    public var resumeAfter: TimeInterval
    /// Idle time after which a half-filled form (a draft) is dropped.
    public var draftLifetime: TimeInterval
    /// The flow that asks which procedure the citizen needs; free text that names a procedure
    /// with a typo starts it.
    public var procedureFinderFlowID = "tim-thu-tuc"
    /// The flow that the "xóa dữ liệu" command starts from any step.
    public var deleteDataFlowID = "xoa-du-lieu"

    public init(
        timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!, optionsAfterFailures: Int = 2,
        officialAfterFailures: Int = 3, maxStepsPerTurn: Int = 50, resumeAfter: TimeInterval = 30 * 60,
        draftLifetime: TimeInterval = 30 * 86_400
    ) {
        self.resumeAfter = resumeAfter
        self.draftLifetime = draftLifetime
        self.timeZone = timeZone
        self.optionsAfterFailures = optionsAfterFailures
        self.officialAfterFailures = officialAfterFailures
        self.maxStepsPerTurn = maxStepsPerTurn
    }
}
