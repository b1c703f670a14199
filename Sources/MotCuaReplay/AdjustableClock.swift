import Foundation
import Synchronization

/// The wall clock plus an offset, for a server whose clock a replay moves through the mock:
/// `POST /__mock/clock?set=ISO8601` puts it at a fixture's `start:`, and `?advance=SECONDS` moves
/// it forward for `wait:` turns.
public final class AdjustableClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public func now() -> Date {
        Date().addingTimeInterval(offset.withLock { $0 })
    }

    /// Puts the clock at `date`, which may be earlier than its current time, and returns the
    /// offset from the wall clock in seconds.
    @discardableResult
    public func set(to date: Date) -> TimeInterval {
        offset.withLock { value in
            value = date.timeIntervalSinceNow
            return value
        }
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
