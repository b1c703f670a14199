import CCurl

/// The owner of one libcurl easy handle.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer

    init() throws(HTTPError) {
        guard let handle = curl_easy_init() else {
            throw HTTPError(code: .libraryError, message: "curl_easy_init failed")
        }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Clears every option so the handle can serve another transfer. libcurl keeps the connection
    /// cache, which belongs to the multi handle.
    func reset() {
        curl_easy_reset(handle)
    }

    func set(_ option: CURLoption, _ value: Int) throws(HTTPError) {
        try Curl.check(motcua_curl_easy_setopt_long(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func set(_ option: CURLoption, _ value: String) throws(HTTPError) {
        try Curl.check(motcua_curl_easy_setopt_string(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func set(_ option: CURLoption, offset value: curl_off_t) throws(HTTPError) {
        try Curl.check(motcua_curl_easy_setopt_off(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPError) {
        try Curl.check(motcua_curl_easy_setopt_pointer(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) throws(HTTPError) {
        try Curl.check(motcua_curl_easy_setopt_slist(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func set(_ option: CURLoption, callback value: curl_write_callback) throws(HTTPError) {
        try Curl.check(
            motcua_curl_easy_setopt_write_callback(handle, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    func info(long info: CURLINFO) throws(HTTPError) -> Int {
        var value = 0
        try Curl.check(motcua_curl_easy_getinfo_long(handle, info, &value), "curl_easy_getinfo(\(info.rawValue))")
        return value
    }

    func info(pointer info: CURLINFO) throws(HTTPError) -> UnsafeMutableRawPointer? {
        var value: UnsafeMutablePointer<CChar>?
        try Curl.check(motcua_curl_easy_getinfo_pointer(handle, info, &value), "curl_easy_getinfo(\(info.rawValue))")
        return UnsafeMutableRawPointer(value)
    }
}
