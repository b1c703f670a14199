import Foundation
import Synchronization

/// Runs programs the harness starts and waits for them without blocking the cooperative pool.
enum ChildProcess {
    /// Runs `executable` to completion with a time limit and returns its standard output; standard
    /// error is appended when `includeErrors` is set. A run over the limit is sent SIGTERM, and
    /// SIGKILL 10 seconds later if it is still running.
    static func output(
        _ executable: String, _ arguments: [String], timeoutSeconds: Double, includeErrors: Bool = false
    ) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = includeErrors ? pipe : FileHandle.nullDevice
        let collected = OutputCollector()
        pipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw BenchError("không chạy được \(executable): \(error)")
        }
        let pid = process.processIdentifier
        let timedOut = await waitOffPool(finished, timeoutSeconds: timeoutSeconds)
        if timedOut {
            kill(pid, SIGTERM)
            if await waitOffPool(finished, timeoutSeconds: 10) {
                kill(pid, SIGKILL)
                await waitOffPool(finished, timeoutSeconds: 10)
            }
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        collected.append(pipe.fileHandleForReading.readDataToEndOfFile())
        if timedOut {
            throw BenchError("\(executable) chạy quá \(Int(timeoutSeconds)) giây nên đã bị dừng")
        }
        return (process.terminationStatus, collected.text)
    }

    /// Waits on a semaphore on a Dispatch thread; returns true when the time limit passed first.
    @discardableResult
    static func waitOffPool(_ semaphore: DispatchSemaphore, timeoutSeconds: Double) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: semaphore.wait(timeout: .now() + timeoutSeconds) == .timedOut)
            }
        }
    }
}

/// Output bytes gathered from a pipe's handler thread.
private final class OutputCollector: Sendable {
    private let data = Mutex(Data())

    func append(_ more: Data) {
        data.withLock { $0.append(more) }
    }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
