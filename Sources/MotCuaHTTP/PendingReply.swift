import CMicroHTTPD
import Synchronization

/// The response of one request whose handler answers later, and the suspended connection that
/// waits for it.
///
/// `@unchecked Sendable` is safe because `state` is behind a mutex and the connection pointer is
/// only passed to MHD_resume_connection, which libmicrohttpd allows from any thread. The connection
/// stays valid while it is suspended, because libmicrohttpd neither times out nor closes a
/// suspended connection.
final class PendingReply: @unchecked Sendable {
    private enum State {
        /// The handler has not answered and the access handler has not returned yet.
        case waiting
        /// The handler answered before the access handler returned, so no suspend is needed.
        case answered(HTTPResponse)
        case suspended
        /// The handler answered a suspended connection, which libmicrohttpd resumes.
        case resumed(HTTPResponse)
        /// The response was taken for sending.
        case sent
    }

    private let connection: OpaquePointer
    private let state = Mutex(State.waiting)

    init(connection: OpaquePointer) {
        self.connection = connection
    }

    /// Stores the handler's response and resumes the connection when it is suspended. Calls
    /// after the first are ignored.
    func complete(_ response: HTTPResponse) {
        let resumes = state.withLock { state -> Bool in
            switch state {
            case .waiting:
                state = .answered(response)
                return false
            case .suspended:
                state = .resumed(response)
                return true
            case .answered, .resumed, .sent:
                return false
            }
        }
        if resumes {
            MHD_resume_connection(connection)
        }
    }

    /// Returns the response when the handler already answered; otherwise suspends the connection
    /// and returns nil. Called once, from the access handler.
    func takeResponseOrSuspend() -> HTTPResponse? {
        state.withLock { state in
            guard case .answered(let response) = state else {
                // Suspending inside the lock orders it before the resume in `complete(_:)`.
                state = .suspended
                MHD_suspend_connection(connection)
                return nil
            }
            state = .sent
            return response
        }
    }

    /// Returns the response of a resumed connection, once.
    func takeResumedResponse() -> HTTPResponse? {
        state.withLock { state in
            guard case .resumed(let response) = state else { return nil }
            state = .sent
            return response
        }
    }
}
