import CCurl
import Dispatch
import Foundation
import Synchronization

/// The thread that drives one libcurl multi handle for ``HTTPClient``.
///
/// Callers hand transfers over through a Mutex-guarded queue and wake the thread with
/// curl_multi_wakeup. Easy handles, transfers and every other libcurl call stay on the thread.
final class CurlMultiLoop: Sendable {
    struct PendingTransfer: Sendable {
        var request: HTTPClientRequest
        var completion: TransferCompletion
    }

    private struct Inbox {
        var pending: [PendingTransfer] = []
        var cancelled: [ObjectIdentifier] = []
        var shutdownRequested = false
    }

    /// Easy handles kept for reuse after their transfer ends.
    private static let maxIdleHandles = 32
    /// The maximum poll time in milliseconds, so a lost wakeup delays queued work by at most this long.
    private static let pollTimeoutMilliseconds: Int32 = 1000

    private let multi: CurlMulti
    private let configuration: HTTPClient.Configuration
    private let inbox = Mutex(Inbox())
    private let exited = DispatchSemaphore(value: 0)

    init(multi: CurlMulti, configuration: HTTPClient.Configuration) {
        self.multi = multi
        self.configuration = configuration
    }

    func start() {
        let thread = Thread { [self] in
            run()
            exited.signal()
        }
        thread.name = "MotCuaHTTP.client"
        thread.start()
    }

    /// Queues a transfer, and returns false once shutdown began.
    func enqueue(_ transfer: PendingTransfer) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.shutdownRequested else { return false }
            inbox.pending.append(transfer)
            wake()
            return true
        }
    }

    /// Asks the thread to drop the transfer of `completion`, whose caller was already resumed.
    func cancel(_ completion: TransferCompletion) {
        inbox.withLock { inbox in
            guard !inbox.shutdownRequested else { return }
            inbox.cancelled.append(ObjectIdentifier(completion))
            wake()
        }
    }

    /// Fails queued and running transfers with `cancelled` and waits for the thread to end.
    /// Only the first call waits.
    func shutdown() {
        let first = inbox.withLock { inbox in
            guard !inbox.shutdownRequested else { return false }
            inbox.shutdownRequested = true
            wake()
            return true
        }
        if first {
            exited.wait()
        }
    }

    private func wake() {
        // A failed wakeup only delays the thread until the poll timeout.
        try? multi.wakeup()
    }

    private func run() {
        var active: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]
        var idleHandles: [CurlEasy] = []

        while true {
            let work = inbox.withLock { inbox in
                defer {
                    inbox.pending = []
                    inbox.cancelled = []
                }
                return inbox
            }

            for pending in work.pending {
                if work.shutdownRequested {
                    pending.completion.finish(.failure(shutdownError(for: pending.request)))
                } else if !pending.completion.isFinished {
                    attach(pending, active: &active, idleHandles: &idleHandles)
                }
            }
            for identifier in work.cancelled {
                if let context = active.removeValue(forKey: identifier) {
                    detach(context, idleHandles: &idleHandles)
                }
            }
            if work.shutdownRequested {
                for context in active.values {
                    let transfer = detach(context, idleHandles: &idleHandles)
                    transfer.completion.finish(.failure(shutdownError(for: transfer.request)))
                }
                return
            }

            do {
                try multi.perform()
                while let finished = multi.nextFinished() {
                    complete(finished.easy, result: finished.result, active: &active, idleHandles: &idleHandles)
                }
                try multi.poll(timeoutMilliseconds: Self.pollTimeoutMilliseconds)
            } catch {
                // The multi handle itself failed, so no running transfer can be trusted to finish.
                for context in active.values {
                    let transfer = detach(context, idleHandles: &idleHandles)
                    transfer.completion.finish(
                        .failure(HTTPError(code: error.code, message: "\(transfer.summary): \(error.message)")))
                }
                active = [:]
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    private func attach(
        _ pending: PendingTransfer, active: inout [ObjectIdentifier: UnsafeMutableRawPointer],
        idleHandles: inout [CurlEasy]
    ) {
        let easy: CurlEasy
        if let idle = idleHandles.popLast() {
            easy = idle
        } else {
            do {
                easy = try CurlEasy()
            } catch {
                pending.completion.finish(.failure(error))
                return
            }
        }

        let transfer = CurlTransfer(request: pending.request, completion: pending.completion, easy: easy)
        let context = Unmanaged.passRetained(transfer).toOpaque()
        do {
            try transfer.configure(configuration: configuration, context: context)
            try multi.add(easy)
        } catch {
            Unmanaged<CurlTransfer>.fromOpaque(context).release()
            easy.reset()
            idleHandles.append(easy)
            pending.completion.finish(
                .failure(HTTPError(code: error.code, message: "\(transfer.summary): \(error.message)")))
            return
        }
        active[ObjectIdentifier(pending.completion)] = context
    }

    private func complete(
        _ handle: UnsafeMutableRawPointer, result: CURLcode, active: inout [ObjectIdentifier: UnsafeMutableRawPointer],
        idleHandles: inout [CurlEasy]
    ) {
        var privateValue: UnsafeMutablePointer<CChar>?
        guard motcua_curl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &privateValue) == CURLE_OK,
            let context = UnsafeMutableRawPointer(privateValue)
        else { return }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        active[ObjectIdentifier(transfer.completion)] = nil

        let outcome: Result<HTTPClientResponse, HTTPError>
        if result == CURLE_OK {
            outcome = Result { () throws(HTTPError) in try transfer.response() }
        } else {
            outcome = .failure(transfer.error(for: result))
        }
        detach(context, idleHandles: &idleHandles)
        transfer.completion.finish(outcome)
    }

    /// Removes the transfer's easy handle from the multi handle, resets it for reuse and releases
    /// the retained transfer.
    @discardableResult
    private func detach(_ context: UnsafeMutableRawPointer, idleHandles: inout [CurlEasy]) -> CurlTransfer {
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeRetainedValue()
        do {
            try multi.remove(transfer.easy)
        } catch {
            // A handle still attached to the multi handle must not serve another transfer.
            return transfer
        }
        transfer.easy.reset()
        if idleHandles.count < Self.maxIdleHandles {
            idleHandles.append(transfer.easy)
        }
        return transfer
    }

    private func shutdownError(for request: HTTPClientRequest) -> HTTPError {
        HTTPError(
            code: .cancelled,
            message: "\(request.method) \(Curl.origin(of: request.url)) was cancelled because the client shut down")
    }
}
