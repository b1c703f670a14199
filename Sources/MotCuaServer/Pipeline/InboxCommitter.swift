import Foundation
import MotCuaStorage
import Synchronization

/// Stores webhook events in group commits: HTTP handlers queue their events, and one thread
/// writes everything queued so far in one transaction, so one fsync covers many requests. Each
/// request's completion runs after the transaction committed, so an event is durable before the
/// response to its webhook is sent.
///
/// Events stored by one batch are handed to `onStored` in sequence order before the next batch
/// is written, so a conversation's events reach the processor in arrival order.
final class InboxCommitter: Sendable {
    typealias Completion = @Sendable (Result<[StoredEvent?], any Error>) -> Void

    private struct Request {
        var events: [ReceivedEvent]
        var completion: Completion
    }

    private struct State {
        var queue: [Request] = []
        var queuedEvents = 0
        var running = false
        var stopping = false
    }

    /// The maximum number of events written in one transaction. A request with more events is
    /// written alone.
    static let maxBatchEvents = 1_024

    private let store: any Store
    private let logger: Logger
    private let onStored: @Sendable ([StoredEvent]) -> Void
    private let state = Mutex(State())
    private let wakeSignal = WakeSignal()
    private let finished = DispatchSemaphore(value: 0)

    init(store: any Store, logger: Logger, onStored: @escaping @Sendable ([StoredEvent]) -> Void) {
        self.store = store
        self.logger = logger
        self.onStored = onStored
    }

    func start() {
        let started = state.withLock { state -> Bool in
            guard !state.running, !state.stopping else { return false }
            state.running = true
            return true
        }
        guard started else { return }
        let thread = Thread { [self] in
            runLoop()
            finished.signal()
        }
        thread.name = "motcua.inbox"
        thread.start()
    }

    /// Queues `events` for the next batch. `completion` receives, in order, the stored event or nil
    /// for a duplicate, once the batch committed, or the error of a failed write. It runs on the
    /// committer's thread, so it must not block.
    func submit(_ events: [ReceivedEvent], completion: @escaping Completion) {
        let accepted = state.withLock { state -> Bool in
            guard state.running, !state.stopping else { return false }
            state.queue.append(Request(events: events, completion: completion))
            state.queuedEvents += events.count
            return true
        }
        guard accepted else {
            completion(.failure(StorageError(.closed, "storing \(events.count) events failed: the inbox is stopped")))
            return
        }
        wakeSignal.notify()
    }

    /// Stores `events` with the next batch and waits for its commit; returns as `submit` reports.
    func insert(_ events: [ReceivedEvent]) throws -> [StoredEvent?] {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<[StoredEvent?], any Error>?>(nil)
        submit(events) { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Writes what is queued, then ends the thread. Later submissions fail with `closed`.
    func stop() {
        let wasRunning = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return state.running && !state.stopping
        }
        guard wasRunning else { return }
        wakeSignal.notify()
        finished.wait()
    }

    private func runLoop() {
        while true {
            let (batch, stopping) = state.withLock { state in
                (Self.takeBatch(from: &state), state.stopping)
            }
            if batch.isEmpty {
                if stopping { return }
                wakeSignal.wait(timeout: 1)
                continue
            }
            write(batch)
        }
    }

    /// Removes the oldest requests, up to `maxBatchEvents` events but at least one request.
    private static func takeBatch(from state: inout State) -> [Request] {
        var count = 0
        var taken = 0
        for request in state.queue {
            guard taken == 0 || count + request.events.count <= maxBatchEvents else { break }
            count += request.events.count
            taken += 1
        }
        let batch = Array(state.queue.prefix(taken))
        state.queue.removeFirst(taken)
        state.queuedEvents -= count
        return batch
    }

    private func write(_ batch: [Request]) {
        do {
            let results = try store.insertInbound(batch.flatMap(\.events))
            onStored(results.compactMap { $0 })
            var offset = 0
            for request in batch {
                let end = offset + request.events.count
                request.completion(.success(Array(results[offset..<end])))
                offset = end
            }
        } catch {
            guard batch.count > 1 else {
                batch[0].completion(.failure(error))
                return
            }
            // One request's event may be what fails the transaction, so each request is tried
            // alone and the others still get stored.
            logger.warning(
                "storing a batch of webhook events failed; storing each request alone",
                ["error": "\(error)", "requests": "\(batch.count)"])
            for request in batch {
                write([request])
            }
        }
    }
}
