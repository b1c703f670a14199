/// An error from the HTTP server or client.
///
/// `message` names the failing host and port or the request's method and URL origin, and carries
/// libcurl's or libmicrohttpd's own text. It never contains a URL path or query, because platform
/// APIs carry access tokens there.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case couldNotConnect, couldNotResolveHost, timedOut, cancelled, transferFailed
            case bindFailed, libraryError, invalidURL, invalidState
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The TCP connection was refused or could not be set up.
        public static let couldNotConnect = Code(.couldNotConnect)
        /// The host name did not resolve.
        public static let couldNotResolveHost = Code(.couldNotResolveHost)
        /// The connect timeout or the total timeout expired.
        public static let timedOut = Code(.timedOut)
        /// The calling task was cancelled or the client was shut down before the transfer ended.
        public static let cancelled = Code(.cancelled)
        /// The connection broke or the peer sent something that is not valid HTTP.
        public static let transferFailed = Code(.transferFailed)
        /// The server could not listen on the configured host and port.
        public static let bindFailed = Code(.bindFailed)
        /// libcurl or libmicrohttpd failed in a way not covered by another code.
        public static let libraryError = Code(.libraryError)
        /// The URL is malformed or uses a scheme other than http or https.
        public static let invalidURL = Code(.invalidURL)
        /// The call does not fit the object's state, such as starting a server twice.
        public static let invalidState = Code(.invalidState)

        public var description: String {
            kind.rawValue
        }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        "HTTPError(\(code)): \(message)"
    }
}
