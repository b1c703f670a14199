import CCurl
import Foundation

/// One request attached to the multi handle, with the response collected so far.
///
/// Only the loop thread touches it. libcurl receives it, retained once, as the context of the
/// write and header callbacks and as CURLOPT_PRIVATE, and `CurlMultiLoop` releases it when it
/// removes the easy handle.
final class CurlTransfer {
    let request: HTTPClientRequest
    let completion: TransferCompletion
    let easy: CurlEasy

    private var responseHeaders: [(name: String, value: String)] = []
    private var responseBody: [UInt8] = []
    private var requestHeaderList: UnsafeMutablePointer<curl_slist>?
    /// libcurl's detailed error text, which it writes here while the handle keeps the option.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init(request: HTTPClientRequest, completion: TransferCompletion, easy: CurlEasy) {
        self.request = request
        self.completion = completion
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    /// Frees the header list and error buffer. The easy handle must be reset before, because it
    /// points at both.
    deinit {
        curl_slist_free_all(requestHeaderList)
        errorBuffer.deallocate()
    }

    /// Sets every option of the easy handle, with `context` as the callbacks' context.
    func configure(configuration: HTTPClient.Configuration, context: UnsafeMutableRawPointer) throws(HTTPError) {
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_NOPROXY, "127.0.0.1,localhost")
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeoutSeconds * 1000))
        try easy.set(CURLOPT_TIMEOUT_MS, Int(configuration.totalTimeoutSeconds * 1000))
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        try easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try easy.set(CURLOPT_PRIVATE, pointer: context)

        try configureMethodAndBody()
        try configureRequestHeaders()
        try configureCallbacks(context: context)
    }

    /// Returns the response once libcurl reported CURLE_OK.
    func response() throws(HTTPError) -> HTTPClientResponse {
        let status = try easy.info(long: CURLINFO_RESPONSE_CODE)
        let headers = Dictionary(
            responseHeaders.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 })
        return HTTPClientResponse(status: status, headers: headers, body: responseBody)
    }

    /// Returns the error for a transfer that ended with `result`, with libcurl's general and
    /// detailed text.
    func error(for result: CURLcode) -> HTTPError {
        var reason = Curl.errorText(result)
        let detail = String(cString: errorBuffer).trimmingCharacters(in: .newlines)
        if !detail.isEmpty, detail != reason {
            reason += " (\(detail))"
        }
        return HTTPError(code: Curl.errorCode(forTransferResult: result), message: "\(summary) failed: \(reason)")
    }

    /// The method and URL origin, for error messages.
    var summary: String {
        "\(request.method) \(Curl.origin(of: request.url))"
    }

    private func configureMethodAndBody() throws(HTTPError) {
        let method = request.method.uppercased()
        switch method {
        case "GET" where request.body.isEmpty:
            try easy.set(CURLOPT_HTTPGET, 1)
            return
        case "HEAD":
            try easy.set(CURLOPT_NOBODY, 1)
            return
        default:
            break
        }

        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            // CURLOPT_COPYPOSTFIELDS copies exactly CURLOPT_POSTFIELDSIZE_LARGE bytes, so the size
            // goes first and bodies may contain zero bytes.
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(request.body.count))
            var body = request.body
            body.append(0)
            let code = body.withUnsafeMutableBytes { bytes in
                motcua_curl_easy_setopt_pointer(easy.handle, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress)
            }
            try Curl.check(code, "curl_easy_setopt(CURLOPT_COPYPOSTFIELDS)")
        }
        if method != "POST" {
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
    }

    private func configureRequestHeaders() throws(HTTPError) {
        for field in request.headers {
            guard let list = curl_slist_append(requestHeaderList, "\(field.name): \(field.value)") else {
                throw HTTPError(code: .libraryError, message: "\(summary): curl_slist_append failed")
            }
            requestHeaderList = list
        }
        if let requestHeaderList {
            try easy.set(CURLOPT_HTTPHEADER, list: requestHeaderList)
        }
    }

    private func configureCallbacks(context: UnsafeMutableRawPointer) throws(HTTPError) {
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(
            CURLOPT_WRITEFUNCTION,
            callback: { data, size, count, context in
                guard let context else { return 0 }
                let length = size * count
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length))
                return length
            })

        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(
            CURLOPT_HEADERFUNCTION,
            callback: { data, size, count, context in
                guard let context else { return 0 }
                let length = size * count
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
                return length
            })
    }

    // NOTE: The response body has no size limit, so a peer can make it as large as memory allows
    // within the total timeout.
    private func appendBody(_ bytes: UnsafeRawBufferPointer) {
        responseBody.append(contentsOf: bytes)
    }

    /// Collects one header line. libcurl passes the status line of every response it reads,
    /// including 100 Continue, so a status line starts the field list over.
    private func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            responseHeaders.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        responseHeaders.append((name, value))
    }
}
