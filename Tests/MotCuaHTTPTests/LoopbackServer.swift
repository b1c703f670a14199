import MotCuaHTTP

/// A server on 127.0.0.1 with a port the system picked, and a client to call it.
struct LoopbackServer {
    let server: HTTPServer
    let client: HTTPClient

    init(
        configuration: HTTPServer.Configuration = .init(port: 0),
        client clientConfiguration: HTTPClient.Configuration = .init(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5),
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        client = try HTTPClient(configuration: clientConfiguration)
    }

    func url(_ pathAndQuery: String) -> String {
        "http://127.0.0.1:\(server.port)\(pathAndQuery)"
    }

    func send(
        _ pathAndQuery: String, method: String = "GET", headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) async throws -> HTTPClientResponse {
        try await client.send(
            HTTPClientRequest(method: method, url: url(pathAndQuery), headers: headers, body: body))
    }

    func stop() {
        client.shutdown()
        server.stop()
    }
}
