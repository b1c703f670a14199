extension HTTPClient {
    /// Timeouts and connection limits of one client.
    public struct Configuration: Sendable {
        /// Seconds allowed for the TCP (and TLS) connection setup.
        public var connectTimeoutSeconds: Double
        /// Seconds allowed for a whole transfer, from queueing to the last body byte.
        public var totalTimeoutSeconds: Double
        /// The maximum number of open connections to one host. Further transfers wait in libcurl's queue.
        public var maxConnectionsPerHost: Int

        public init(
            connectTimeoutSeconds: Double = 5, totalTimeoutSeconds: Double = 15, maxConnectionsPerHost: Int = 16
        ) {
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.totalTimeoutSeconds = totalTimeoutSeconds
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }
}
