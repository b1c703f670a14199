import Glibc
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that calls one handler for every request.
///
/// The handler runs on a libmicrohttpd worker thread once the whole body has arrived. A handler
/// that returns its response blocks that thread while it works. A deferred handler may respond
/// later from another thread, and the connection stays suspended in the meantime. Bodies over
/// ``Configuration/maxBodyBytes`` get 413 without a handler call.
public final class HTTPServer: Sendable {
    private let configuration: Configuration
    private let handler: DeferredHandler
    private let state = Mutex(State.idle)

    private enum State {
        case idle
        case running(MicroHTTPDaemon)
        /// ``stop()`` is waiting for requests in flight.
        case stopping(MicroHTTPDaemon)
        case stopped

        var daemon: MicroHTTPDaemon? {
            switch self {
            case .running(let daemon), .stopping(let daemon): daemon
            case .idle, .stopped: nil
            }
        }
    }

    /// The maximum time ``stop()`` waits for requests in flight before closing their connections.
    static let stopGracePeriod = Duration.seconds(10)

    /// A handler that responds through its second argument, which it must call exactly once, from
    /// any thread and also after it returned. Calls after the first are ignored.
    ///
    /// NOTE: a connection whose handler never calls it stays suspended, and ``stop()`` then waits
    /// its whole grace period. What libmicrohttpd does with it at MHD_stop_daemon is not tested.
    public typealias DeferredHandler =
        @Sendable (HTTPRequest, _ respond: @escaping @Sendable (HTTPResponse) -> Void)
        -> Void

    public init(configuration: Configuration, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.configuration = configuration
        self.handler = { request, respond in respond(handler(request)) }
    }

    /// Creates a server whose handler may respond later, such as after a database commit, without
    /// holding a libmicrohttpd worker thread while it waits. The connection is suspended
    /// (MHD_suspend_connection) until the response arrives.
    public init(configuration: Configuration, deferredHandler: @escaping DeferredHandler) {
        self.configuration = configuration
        self.handler = deferredHandler
    }

    deinit {
        stop()
    }

    /// Binds the configured host and port and starts serving on libmicrohttpd's threads.
    ///
    /// - Throws: ``HTTPError`` with code `bindFailed` naming host:port when the address is taken or
    ///   invalid, and `invalidState` when the server was already started.
    public func start() throws {
        ignoreBrokenPipeSignal()

        try state.withLock { (state) throws(HTTPError) in
            guard case .idle = state else {
                let endpoint = "\(configuration.host):\(configuration.port)"
                throw HTTPError(code: .invalidState, message: "server for \(endpoint) was already started")
            }
            let context = DaemonContext(
                maxBodyBytes: configuration.maxBodyBytes, errorHandler: configuration.errorHandler, handler: handler)
            state = .running(try MicroHTTPDaemon(configuration: configuration, context: context))
        }
    }

    /// The bound port once ``start()`` returned, which differs from the configured one when that is 0.
    public var port: UInt16 {
        state.withLock { $0.daemon?.port ?? configuration.port }
    }

    /// Whether ``stop()`` has begun and not yet returned, as a readiness check may want to report.
    public var isStopping: Bool {
        state.withLock { state in
            guard case .stopping = state else { return false }
            return true
        }
    }

    /// The number of requests whose headers arrived and whose response is not yet fully sent.
    public var requestsInFlight: Int {
        state.withLock { $0.daemon?.context.inFlightCount ?? 0 }
    }

    /// The number of TCP connections accepted since ``start()``. Clients that keep connections
    /// alive open fewer connections than they send requests.
    public var openedConnectionCount: Int {
        state.withLock { $0.daemon?.context.openedConnectionCount ?? 0 }
    }

    /// Stops accepting connections, waits up to 10 seconds for requests in flight to get their
    /// responses, then closes every connection and joins libmicrohttpd's threads.
    ///
    /// Responses sent while stopping carry "Connection: close". Calling it again, or before
    /// ``start()``, does nothing.
    ///
    /// NOTE: MHD_stop_daemon joins the worker threads, so a handler still running after the grace
    /// period delays the return until it finishes.
    public func stop() {
        let daemon: MicroHTTPDaemon? = state.withLock { state in
            guard case .running(let daemon) = state else { return nil }
            daemon.context.beginStopping()
            state = .stopping(daemon)
            return daemon
        }
        guard let daemon else { return }

        daemon.quiesce()
        _ = daemon.context.waitUntilIdle(timeout: Self.stopGracePeriod)
        daemon.stop()
        state.withLock { $0 = .stopped }
    }
}

/// Ignores SIGPIPE for the whole process, once, so a write to a socket the peer closed returns
/// EPIPE instead of ending the process.
private let brokenPipeSignalIgnored: Bool = {
    signal(SIGPIPE, SIG_IGN)
    return true
}()

private func ignoreBrokenPipeSignal() {
    _ = brokenPipeSignalIgnored
}
