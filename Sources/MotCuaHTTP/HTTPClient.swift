/// An HTTP client on one libcurl multi handle, driven by its own thread.
///
/// Connections are kept alive and reused per host. Every response is returned, 4xx and 5xx
/// included, and only transport failures throw.
public final class HTTPClient: Sendable {
    private let loop: CurlMultiLoop

    /// Starts the client's thread.
    ///
    /// - Throws: ``HTTPError`` with code `libraryError` when libcurl cannot be set up.
    public init(configuration: Configuration = .init()) throws {
        try Curl.initializeGlobally()
        let multi = try CurlMulti(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
        loop = CurlMultiLoop(multi: multi, configuration: configuration)
        loop.start()
    }

    deinit {
        loop.shutdown()
    }

    /// Sends `request` and returns the response.
    ///
    /// - Throws: ``HTTPError`` with `couldNotConnect`, `couldNotResolveHost`, `timedOut`,
    ///   `invalidURL` or `transferFailed` from libcurl, and `cancelled` when the calling task is
    ///   cancelled or the client shuts down first.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let completion = TransferCompletion()
        let cancellation = HTTPError(
            code: .cancelled, message: "\(request.method) \(Curl.origin(of: request.url)) was cancelled")

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard completion.install(continuation, cancellation: cancellation) else { return }
                let pending = CurlMultiLoop.PendingTransfer(request: request, completion: completion)
                if !loop.enqueue(pending) {
                    let message =
                        "\(request.method) \(Curl.origin(of: request.url)) was not sent because the client shut down"
                    completion.finish(.failure(HTTPError(code: .cancelled, message: message)))
                }
            }
        } onCancel: {
            completion.cancel(with: cancellation)
            loop.cancel(completion)
        }
    }

    /// Fails queued and running transfers with `cancelled` and stops the thread. Later calls to
    /// ``send(_:)`` fail with `cancelled`. Calling it again does nothing.
    public func shutdown() {
        loop.shutdown()
    }
}
