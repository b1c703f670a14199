/// A response returned by an ``HTTPServer`` handler.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields in the order they are sent. libmicrohttpd adds Date, Content-Length and
    /// Connection itself.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// When true the server closes the connection without answering; mock servers use it to act
    /// like a platform whose connection drops.
    public var closesConnection = false

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response that closes the connection without sending anything.
    public static var droppedConnection: HTTPResponse {
        var response = HTTPResponse(status: 500)
        response.closesConnection = true
        return response
    }

    /// Creates a response with a UTF-8 plain text body.
    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// Creates a response with a JSON body that the caller has already encoded.
    public static func json(_ status: Int, _ data: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: data)
    }
}
