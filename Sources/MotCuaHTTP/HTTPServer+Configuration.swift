extension HTTPServer {
    /// Listening address and limits. Every limit applies per server.
    public struct Configuration: Sendable {
        /// A numeric IPv4 or IPv6 address or a host name to listen on.
        public var host: String
        /// The TCP port, or 0 to let the system pick a free one; read ``HTTPServer/port`` after start.
        public var port: UInt16
        /// The number of libmicrohttpd worker threads, each polling with epoll.
        public var threadCount: Int
        /// The maximum number of open connections. libmicrohttpd refuses connections beyond it.
        public var connectionLimit: Int
        /// Seconds of inactivity after which libmicrohttpd closes a connection.
        public var connectionTimeoutSeconds: Int
        /// The maximum request body size in bytes. Larger bodies get 413 without a handler call.
        public var maxBodyBytes: Int
        /// Receives libmicrohttpd's error messages and the reason when a handler's response cannot
        /// be sent, on a worker thread. Without it the messages are dropped, except that
        /// ``HTTPServer/start()`` puts the last one into its error.
        public var errorHandler: (@Sendable (String) -> Void)?

        public init(
            host: String = "127.0.0.1", port: UInt16 = 8080, threadCount: Int = 2, connectionLimit: Int = 1024,
            connectionTimeoutSeconds: Int = 30, maxBodyBytes: Int = 1 << 20,
            errorHandler: (@Sendable (String) -> Void)? = nil
        ) {
            self.host = host
            self.port = port
            self.threadCount = threadCount
            self.connectionLimit = connectionLimit
            self.connectionTimeoutSeconds = connectionTimeoutSeconds
            self.maxBodyBytes = maxBodyBytes
            self.errorHandler = errorHandler
        }
    }
}
