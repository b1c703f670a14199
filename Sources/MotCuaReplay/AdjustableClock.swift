import Foundation
import Synchronization

/// The wall clock plus an offset that only grows, for a server whose `wait:` turns a replay
/// moves forward through the mock's `POST /__mock/clock?advance=SECONDS`.
public final class AdjustableClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    /// Moves the clock forward and returns the total offset in seconds.
    @discardableResult
    public func advance(by seconds: TimeInterval) -> TimeInterval {
        offset.withLock { value in
            value += max(0, seconds)
            return value
        }
    }
}
