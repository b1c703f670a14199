import Foundation
import Synchronization

/// Log lines for one operation that a loop retries every round, such as claiming work while the
/// database is down. The first failure is logged, then at most one summary line per
/// `summaryInterval` with the count, and one recovery line when the operation succeeds again.
final class RepeatedFailureLog: Sendable {
    private struct State {
        var failures = 0
        var lastLine = Date.distantPast
    }

    private let action: String
    private let logger: Logger
    private let summaryInterval: TimeInterval
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    /// `action` names the operation as a gerund phrase ("claiming replies"); lines read
    /// "<action> failed", "<action> still failing" and "<action> recovered".
    init(
        action: String, logger: Logger, summaryInterval: TimeInterval = 60,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.action = action
        self.logger = logger
        self.summaryInterval = summaryInterval
        self.clock = clock
    }

    func failed(_ error: any Error, _ metadata: Logger.Metadata = [:]) {
        let now = clock()
        let line: (message: String, failures: Int)? = state.withLock { state in
            state.failures += 1
            if state.failures == 1 {
                state.lastLine = now
                return ("\(action) failed", 1)
            }
            guard now.timeIntervalSince(state.lastLine) >= summaryInterval else { return nil }
            state.lastLine = now
            return ("\(action) still failing", state.failures)
        }
        guard let line else { return }

        var extra = metadata
        extra["error"] = "\(error)"
        if line.failures > 1 { extra["failures"] = "\(line.failures)" }
        logger.error(line.message, extra)
    }

    func succeeded(_ metadata: Logger.Metadata = [:]) {
        let failures = state.withLock { state in
            defer { state = State() }
            return state.failures
        }
        guard failures > 0 else { return }

        var extra = metadata
        extra["failures"] = "\(failures)"
        logger.notice("\(action) recovered", extra)
    }
}
