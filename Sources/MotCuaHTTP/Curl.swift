import CCurl

/// libcurl's process-wide setup and return code checks.
enum Curl {
    /// The result of curl_global_init, which runs once per process on first use.
    private static let globalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func initializeGlobally() throws(HTTPError) {
        try check(globalInitResult, "curl_global_init")
    }

    /// Throws `libraryError` with libcurl's text when `code` is not CURLE_OK.
    static func check(_ code: CURLcode, _ operation: @autoclosure () -> String) throws(HTTPError) {
        guard code != CURLE_OK else { return }
        throw HTTPError(code: .libraryError, message: "\(operation()) failed: \(errorText(code))")
    }

    /// Throws `libraryError` with libcurl's text when `code` is not CURLM_OK.
    static func check(_ code: CURLMcode, _ operation: @autoclosure () -> String) throws(HTTPError) {
        guard code != CURLM_OK else { return }
        throw HTTPError(
            code: .libraryError, message: "\(operation()) failed: \(String(cString: curl_multi_strerror(code)))")
    }

    static func errorText(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// Maps the result of a finished transfer to an error code.
    static func errorCode(forTransferResult code: CURLcode) -> HTTPError.Code {
        switch code {
        case CURLE_COULDNT_CONNECT: .couldNotConnect
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolveHost
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: .invalidURL
        case CURLE_OUT_OF_MEMORY, CURLE_FAILED_INIT, CURLE_BAD_FUNCTION_ARGUMENT: .libraryError
        default: .transferFailed
        }
    }

    /// Returns scheme, host and port of `url`, without user info, path or query, which can hold secrets.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(URL without scheme)" }
        let rest = url[schemeEnd.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let userInfoEnd = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: userInfoEnd)...]
        }
        return String(url[..<schemeEnd.upperBound]) + authority
    }
}
