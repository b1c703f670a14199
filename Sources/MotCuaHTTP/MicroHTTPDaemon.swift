import CMicroHTTPD
import Glibc
import Synchronization

/// The owner of one running libmicrohttpd daemon.
///
/// `@unchecked Sendable` is safe because the daemon pointer never changes, libmicrohttpd allows
/// MHD_quiesce_daemon and MHD_stop_daemon from any thread, and `stopState` serializes both and
/// lets MHD_stop_daemon run once.
final class MicroHTTPDaemon: @unchecked Sendable {
    let context: DaemonContext
    let port: UInt16

    private let daemon: OpaquePointer
    /// The retained `context`, released once after MHD_stop_daemon returns.
    private let contextPointer: UnsafeMutableRawPointer
    private let stopState = Mutex(StopState())

    private struct StopState {
        var listenSocket: Int32?
        var stopped = false
    }

    init(configuration: HTTPServer.Configuration, context: DaemonContext) throws(HTTPError) {
        let endpoint = "\(configuration.host):\(configuration.port)"
        let address = try SocketAddress(host: configuration.host, port: configuration.port)

        // MHD_ALLOW_SUSPEND_RESUME lets a handler respond from another thread after it returned.
        var flags =
            MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if address.family == AF_INET6 {
            flags |= MHD_USE_IPv6.rawValue
        }

        let retained = Unmanaged.passRetained(context).toOpaque()
        let started = try address.withSockaddr { socketAddress in
            var options = [
                // libmicrohttpd routes messages to the external logger only when it is the first option.
                motcua_mhd_option_external_logger(
                    { context, format, arguments in
                        guard let context, let format, let arguments else { return }
                        var buffer = [CChar](repeating: 0, count: 512)
                        _ = vsnprintf(&buffer, buffer.count, format, arguments)
                        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                        let message = String(decoding: bytes, as: UTF8.self).trimmingSuffixNewlines()
                        Unmanaged<DaemonContext>.fromOpaque(context).takeUnretainedValue()
                            .recordLibraryMessage(message)
                    }, retained),
                motcua_mhd_option_sock_addr(socketAddress),
                motcua_mhd_option_uint(.CONNECTION_LIMIT, UInt32(clamping: configuration.connectionLimit)),
                motcua_mhd_option_uint(
                    .CONNECTION_TIMEOUT, UInt32(clamping: configuration.connectionTimeoutSeconds)),
                motcua_mhd_option_notify_completed(
                    { context, _, requestSlot, _ in
                        guard let context, let requestSlot else { return }
                        let daemon = Unmanaged<DaemonContext>.fromOpaque(context).takeUnretainedValue()
                        daemon.completeRequest(requestSlot: requestSlot)
                    }, retained),
                motcua_mhd_option_notify_connection(
                    { context, _, _, code in
                        guard let context, code == .CONNECTION_NOTIFY_STARTED else { return }
                        Unmanaged<DaemonContext>.fromOpaque(context).takeUnretainedValue().connectionOpened()
                    }, retained),
            ]
            if configuration.threadCount > 1 {
                options.append(
                    motcua_mhd_option_uint(.THREAD_POOL_SIZE, UInt32(clamping: configuration.threadCount)))
            }
            options.append(motcua_mhd_option_end())

            return motcua_mhd_start_daemon(
                flags, configuration.port,
                { context, connection, url, method, _, uploadData, uploadDataSize, requestSlot in
                    guard let context, let connection, let uploadDataSize, let requestSlot else { return .NO }
                    let daemon = Unmanaged<DaemonContext>.fromOpaque(context).takeUnretainedValue()
                    return daemon.handleAccess(
                        connection: connection, url: url.map { String(cString: $0) } ?? "/",
                        method: method.map { String(cString: $0) } ?? "GET", uploadData: uploadData,
                        uploadDataSize: uploadDataSize, requestSlot: requestSlot)
                }, retained, options)
        }

        guard let started else {
            Unmanaged<DaemonContext>.fromOpaque(retained).release()
            let reason = context.takeLibraryMessage() ?? "MHD_start_daemon failed"
            throw HTTPError(code: .bindFailed, message: "listening on \(endpoint) failed: \(reason)")
        }

        self.daemon = started
        self.contextPointer = retained
        self.context = context
        let boundPort = motcua_mhd_daemon_bind_port(started)
        self.port = boundPort == 0 ? configuration.port : boundPort
    }

    deinit {
        stop()
    }

    /// Stops accepting connections while open connections go on being served.
    func quiesce() {
        stopState.withLock { state in
            guard !state.stopped, state.listenSocket == nil else { return }
            let socket = MHD_quiesce_daemon(daemon)
            if socket >= 0 {
                state.listenSocket = socket
            }
        }
    }

    /// Closes every connection, joins libmicrohttpd's threads and releases the context.
    func stop() {
        let listenSocket: Int32?? = stopState.withLock { state in
            guard !state.stopped else { return .none }
            state.stopped = true
            return .some(state.listenSocket)
        }
        guard case .some(let quiescedSocket) = listenSocket else { return }

        MHD_stop_daemon(daemon)
        // libmicrohttpd hands the listening socket to the caller at MHD_quiesce_daemon.
        if let quiescedSocket {
            close(quiescedSocket)
        }
        Unmanaged<DaemonContext>.fromOpaque(contextPointer).release()
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last.isNewline {
            text.removeLast()
        }
        return String(text)
    }
}
