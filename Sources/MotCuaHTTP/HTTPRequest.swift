/// A request received by ``HTTPServer``.
public struct HTTPRequest: Sendable {
    /// The request method as sent, such as "GET" or "POST".
    public var method: String
    /// The percent-decoded URL path without the query, such as "/webhooks/zalo".
    public var path: String
    /// The percent-decoded query arguments. When a name repeats, the last value wins, and a name
    /// without "=" maps to an empty string.
    public var query: [String: String]
    /// Header fields with lowercased names. Repeated fields are joined with ", ".
    public var headers: [String: String]
    /// The body bytes exactly as received, so signatures can be computed on them.
    public var body: [UInt8]
    /// The client's numeric IP address, when libmicrohttpd reports one.
    public var remoteAddress: String?

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: [UInt8] = [], remoteAddress: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Returns the value of the header field `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
