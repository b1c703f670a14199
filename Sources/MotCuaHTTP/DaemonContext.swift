import Foundation
import Synchronization

/// State of one running libmicrohttpd daemon that its worker threads share: the handler, the body
/// limit, the count of requests in flight and the library's last error text.
///
/// libmicrohttpd receives it, retained once, as the context of the access handler, the completion
/// callback and the error logger.
final class DaemonContext: Sendable {
    let handler: HTTPServer.DeferredHandler
    let maxBodyBytes: Int
    let errorHandler: (@Sendable (String) -> Void)?

    private let requestsInFlight = Mutex(0)
    private let connectionsOpened = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let lastLibraryMessage = Mutex<String?>(nil)

    init(
        maxBodyBytes: Int, errorHandler: (@Sendable (String) -> Void)?,
        handler: @escaping HTTPServer.DeferredHandler
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.errorHandler = errorHandler
        self.handler = handler
    }

    /// Whether ``HTTPServer/stop()`` has begun, so responses ask clients to close the connection.
    var isStopping: Bool {
        stopping.load(ordering: .acquiring)
    }

    func beginStopping() {
        stopping.store(true, ordering: .releasing)
    }

    var inFlightCount: Int {
        requestsInFlight.withLock { $0 }
    }

    var openedConnectionCount: Int {
        connectionsOpened.load(ordering: .relaxed)
    }

    func connectionOpened() {
        connectionsOpened.add(1, ordering: .relaxed)
    }

    func requestStarted() {
        requestsInFlight.withLock { $0 += 1 }
    }

    func requestFinished() {
        requestsInFlight.withLock { $0 -= 1 }
    }

    /// Waits until no request is in flight or `timeout` passes, and returns whether it became idle.
    func waitUntilIdle(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while inFlightCount > 0 {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    func recordLibraryMessage(_ message: String) {
        lastLibraryMessage.withLock { $0 = message }
        errorHandler?(message)
    }

    func takeLibraryMessage() -> String? {
        lastLibraryMessage.withLock { message in
            defer { message = nil }
            return message
        }
    }
}
