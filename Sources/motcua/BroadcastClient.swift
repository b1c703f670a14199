import Foundation
import MotCuaHTTP

/// The admin API as `motcua broadcast` uses it: one JSON request at a time over libcurl.
struct BroadcastClient {
    struct Response {
        var status: Int
        var json: [String: Any]
    }

    /// A failed request's message and the exit code the command returns.
    struct Failure: Error {
        var message: String
        var exitCode: Int32
    }

    let serverURL: String
    let token: String
    let client: HTTPClient

    /// Reads the server URL from `--server` or MOTCUA_SERVER, and the token from `--token-file` or
    /// MOTCUA_TOKEN.
    static func make(options: CommandOptions, environment: [String: String]) throws(Failure) -> BroadcastClient {
        let server = options.value("--server") ?? environment["MOTCUA_SERVER"] ?? "http://127.0.0.1:8080"
        guard server.hasPrefix("http://") || server.hasPrefix("https://") else {
            throw Failure(message: "--server '\(server)' không hợp lệ; viết dạng http://127.0.0.1:8080", exitCode: 2)
        }
        var token = environment["MOTCUA_TOKEN"] ?? ""
        if let file = options.value("--token-file") {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Failure(message: "không đọc được tệp token '\(file)'; kiểm tra đường dẫn", exitCode: 2)
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !token.isEmpty else {
            throw Failure(
                message: "thiếu token; đặt biến MOTCUA_TOKEN hoặc dùng --token-file TỆP", exitCode: 2)
        }
        let client: HTTPClient
        do {
            client = try HTTPClient(configuration: .init(connectTimeoutSeconds: 5, totalTimeoutSeconds: 30))
        } catch {
            throw Failure(message: "không khởi tạo được libcurl: \(error)", exitCode: 1)
        }
        var trimmed = server
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return BroadcastClient(serverURL: trimmed, token: token, client: client)
    }

    /// Sends one request and waits for the response. A 4xx response throws with exit code 2,
    /// because the request was at fault, and a 5xx or a connection failure with exit code 1.
    func send(_ method: String, _ path: String, body: [String: Any]? = nil) throws(Failure) -> Response {
        var headers = [(name: "Authorization", value: "Bearer \(token)")]
        var bytes: [UInt8] = []
        if let body {
            headers.append((name: "Content-Type", value: "application/json"))
            bytes = Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data())
        }
        let request = HTTPClientRequest(method: method, url: serverURL + path, headers: headers, body: bytes)
        let result = Self.wait { [client] in try await client.send(request) }
        let response: HTTPClientResponse
        switch result {
        case .success(let value):
            response = value
        case .failure(let error):
            throw Failure(message: Self.connectionMessage(error, serverURL: serverURL), exitCode: 1)
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        guard (200..<300).contains(response.status) else {
            let detail = json["message"] as? String ?? json["error"] as? String ?? "HTTP \(response.status)"
            throw Failure(
                message: "máy chủ từ chối (HTTP \(response.status)): \(detail)",
                exitCode: response.status >= 500 ? 1 : 2)
        }
        return Response(status: response.status, json: json)
    }

    func shutdown() { client.shutdown() }

    /// Returns a Vietnamese message for a request that got no response, naming the URL and the fix.
    /// libcurl's own English text is left out because officials act on the kind of failure alone.
    static func connectionMessage(_ error: any Error, serverURL: String) -> String {
        let fix =
            "khởi động server (motcua serve hoặc motcua demo), rồi kiểm tra địa chỉ trong --server hoặc biến MOTCUA_SERVER"
        guard let error = error as? HTTPError else {
            return "không gửi được yêu cầu tới \(serverURL); \(fix)"
        }
        switch error.code {
        case .couldNotConnect:
            return "không kết nối được server ở \(serverURL), có thể server chưa chạy; \(fix)"
        case .couldNotResolveHost:
            return "không tìm thấy máy chủ trong địa chỉ \(serverURL); kiểm tra --server hoặc biến MOTCUA_SERVER"
        case .timedOut:
            return "server ở \(serverURL) không trả lời kịp; kiểm tra server còn chạy rồi thử lại"
        default:
            return "kết nối tới server ở \(serverURL) bị lỗi giữa chừng; \(fix)"
        }
    }

    /// Runs an async call from synchronous command code and waits for its result.
    private static func wait<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Result<
        Value, any Error
    > {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return box.get()!
    }
}

/// A result handed from a task to the waiting thread.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is written once before the semaphore is signalled and read after the
    // wait returns, so the semaphore orders the two accesses.
    private var value: Result<Value, any Error>?

    func set(_ result: Result<Value, any Error>) { value = result }

    func get() -> Result<Value, any Error>? { value }
}
