import Foundation

/// Wakes a worker thread early; a notify before the wait is not lost.
final class WakeSignal: @unchecked Sendable {
    // @unchecked: `pending` is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var pending = false

    func notify() {
        condition.lock()
        pending = true
        condition.signal()
        condition.unlock()
    }

    /// Waits until notified or until `timeout` seconds pass.
    func wait(timeout: TimeInterval) {
        condition.lock()
        if !pending {
            _ = condition.wait(until: Date().addingTimeInterval(timeout))
        }
        pending = false
        condition.unlock()
    }
}
