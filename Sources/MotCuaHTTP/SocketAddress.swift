import Glibc

/// An IPv4 or IPv6 socket address, resolved from a host string and a port.
struct SocketAddress {
    private(set) var storage = sockaddr_storage()

    var family: Int32 {
        Int32(storage.ss_family)
    }

    /// Resolves `host` with getaddrinfo and keeps its first address.
    init(host: String, port: UInt16) throws(HTTPError) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)

        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        defer { freeaddrinfo(results) }
        guard status == 0, let first = results, let address = first.pointee.ai_addr else {
            let reason = String(cString: gai_strerror(status))
            throw HTTPError(code: .bindFailed, message: "resolving listen host \(host):\(port) failed: \(reason)")
        }

        withUnsafeMutableBytes(of: &storage) { destination in
            let source = UnsafeRawBufferPointer(start: address, count: Int(first.pointee.ai_addrlen))
            destination.copyMemory(from: source)
        }
    }

    /// Runs `body` with a pointer to the address that is valid only inside `body`.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>) throws(HTTPError) -> Result) throws(HTTPError)
        -> Result
    {
        var copy = storage
        return try withUnsafePointer(to: &copy) { (pointer) throws(HTTPError) -> Result in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (address) throws(HTTPError) -> Result in
                try body(address)
            }
        }
    }

    /// Formats the numeric host of `address`, or returns nil for a family getnameinfo rejects.
    static func numericHost(of address: UnsafePointer<sockaddr>) -> String? {
        let length: socklen_t
        switch Int32(address.pointee.sa_family) {
        case AF_INET: length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case AF_INET6: length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        default: return nil
        }

        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let status = getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard status == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
