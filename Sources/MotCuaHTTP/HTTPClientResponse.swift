/// A response received by ``HTTPClient``, for any status including 4xx and 5xx.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    /// Header fields of the final response with lowercased names. Repeated fields are joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Returns the value of the header field `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
