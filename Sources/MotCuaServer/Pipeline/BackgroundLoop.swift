import Foundation
import Synchronization

/// A thread that runs one round of work after another until stopped. After a round that found
/// nothing to do it sleeps for `idleInterval` seconds or until `wake()`.
final class BackgroundLoop: Sendable {
    private let name: String
    private let idleInterval: TimeInterval
    /// One round of work; returns true when there may be more to do at once.
    private let round: @Sendable () -> Bool
    private let wakeSignal = WakeSignal()
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, idleInterval: TimeInterval, round: @escaping @Sendable () -> Bool) {
        self.name = name
        self.idleInterval = idleInterval
        self.round = round
    }

    func start() {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                if !round() { wakeSignal.wait(timeout: idleInterval) }
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    func wake() { wakeSignal.notify() }

    /// Lets the current round finish, then ends the thread; calling it again does nothing.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wakeSignal.notify()
        finished.wait()
    }
}
