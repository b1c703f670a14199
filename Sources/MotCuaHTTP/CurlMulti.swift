import CCurl

/// The owner of one libcurl multi handle.
///
/// `@unchecked Sendable` is safe because only ``wakeup()``, which libcurl documents as callable
/// from any thread, is used off the loop thread. The handle is freed in deinit, after the last
/// caller of ``wakeup()`` let go of it.
final class CurlMulti: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init(maxConnectionsPerHost: Int) throws(HTTPError) {
        guard let handle = curl_multi_init() else {
            throw HTTPError(code: .libraryError, message: "curl_multi_init failed")
        }
        self.handle = handle
        try Curl.check(
            motcua_curl_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, maxConnectionsPerHost)),
            "curl_multi_setopt(CURLMOPT_MAX_HOST_CONNECTIONS)")
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    func add(_ easy: CurlEasy) throws(HTTPError) {
        try Curl.check(curl_multi_add_handle(handle, easy.handle), "curl_multi_add_handle")
    }

    func remove(_ easy: CurlEasy) throws(HTTPError) {
        try Curl.check(curl_multi_remove_handle(handle, easy.handle), "curl_multi_remove_handle")
    }

    /// Runs ready transfers without blocking.
    func perform() throws(HTTPError) {
        var running: Int32 = 0
        try Curl.check(curl_multi_perform(handle, &running), "curl_multi_perform")
    }

    /// Blocks until a socket is ready, ``wakeup()`` is called or `timeoutMilliseconds` pass.
    func poll(timeoutMilliseconds: Int32) throws(HTTPError) {
        try Curl.check(curl_multi_poll(handle, nil, 0, timeoutMilliseconds, nil), "curl_multi_poll")
    }

    func wakeup() throws(HTTPError) {
        try Curl.check(curl_multi_wakeup(handle), "curl_multi_wakeup")
    }

    /// Returns the next finished transfer's easy handle and result, or nil when none is left.
    func nextFinished() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(handle, &remaining) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                return (easy, message.pointee.data.result)
            }
        }
        return nil
    }
}
