import Synchronization

/// The continuation of one ``HTTPClient/send(_:)`` call, resumed exactly once by whichever comes
/// first: the loop thread finishing the transfer or the calling task being cancelled.
final class TransferCompletion: Sendable {
    private enum State {
        case notStarted
        case waiting(CheckedContinuation<HTTPClientResponse, any Error>)
        case cancelledBeforeStart
        case finished
    }

    private let state = Mutex(State.notStarted)

    /// Stores `continuation`, or resumes it with `cancellation` at once when ``cancel(with:)`` came
    /// first. Returns whether the transfer should still be queued.
    func install(
        _ continuation: CheckedContinuation<HTTPClientResponse, any Error>, cancellation: HTTPError
    ) -> Bool {
        let shouldQueue = state.withLock { state in
            guard case .notStarted = state else {
                state = .finished
                return false
            }
            state = .waiting(continuation)
            return true
        }
        if !shouldQueue {
            continuation.resume(throwing: cancellation)
        }
        return shouldQueue
    }

    /// Whether the continuation was resumed, so the loop thread can skip or drop the transfer.
    var isFinished: Bool {
        state.withLock { state in
            if case .finished = state { return true }
            if case .cancelledBeforeStart = state { return true }
            return false
        }
    }

    func finish(_ result: Result<HTTPClientResponse, HTTPError>) {
        let continuation = state.withLock { state -> CheckedContinuation<HTTPClientResponse, any Error>? in
            guard case .waiting(let continuation) = state else { return nil }
            state = .finished
            return continuation
        }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }

    func cancel(with error: HTTPError) {
        let continuation = state.withLock { state -> CheckedContinuation<HTTPClientResponse, any Error>? in
            switch state {
            case .notStarted:
                state = .cancelledBeforeStart
                return nil
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .cancelledBeforeStart, .finished:
                return nil
            }
        }
        continuation?.resume(throwing: error)
    }
}
