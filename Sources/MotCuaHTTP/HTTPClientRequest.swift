/// A request for ``HTTPClient/send(_:)``.
public struct HTTPClientRequest: Sendable {
    /// The request method, such as "GET", "POST", "PUT" or "DELETE".
    public var method: String
    /// An absolute http or https URL.
    public var url: String
    /// Header fields sent in this order after the ones libcurl adds (Host, Content-Length).
    public var headers: [(name: String, value: String)]
    /// The body sent as is. It is sent for any method when not empty, and as an empty body with
    /// Content-Length 0 for POST, PUT and PATCH.
    public var body: [UInt8]

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [])
    {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
