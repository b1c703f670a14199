import Foundation
import Synchronization
import Testing

@testable import MotCuaServer

struct RepeatedFailureLogTests {
    struct DatabaseDown: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    final class TestClock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_000_000))
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
    }

    static func makeLog() -> (RepeatedFailureLog, LogSink, TestClock) {
        let sink = LogSink.memory()
        let clock = TestClock()
        let log = RepeatedFailureLog(
            action: "claiming replies", logger: Logger(label: "test", sink: sink), summaryInterval: 60,
            clock: { clock.now.withLock { $0 } })
        return (log, sink, clock)
    }

    @Test func repeatedFailuresLoggedOncePerMinute() {
        let (log, sink, clock) = Self.makeLog()
        for _ in 0..<300 {
            log.failed(DatabaseDown())
            clock.advance(0.25)
        }

        // 300 failures over 75 seconds: the first line, then one summary at 60 s, on failure 241.
        #expect(sink.recorded.count == 2)
        #expect(sink.recorded.first?.contains(#"msg="claiming replies failed""#) == true)
        #expect(sink.recorded.first?.contains(#"error="connection refused""#) == true)
        #expect(sink.recorded.last?.contains(#"msg="claiming replies still failing""#) == true)
        #expect(sink.recorded.last?.contains("failures=241") == true)
    }

    @Test func recoveryLoggedOnceWithCount() {
        let (log, sink, _) = Self.makeLog()
        log.failed(DatabaseDown())
        log.failed(DatabaseDown())
        log.succeeded()
        log.succeeded()

        #expect(sink.recorded.count == 2)
        #expect(sink.recorded.last?.contains(#"msg="claiming replies recovered""#) == true)
        #expect(sink.recorded.last?.contains("failures=2") == true)
        #expect(sink.recorded.last?.contains("level=notice") == true)
    }

    @Test func failureAfterRecoveryLoggedAgain() {
        let (log, sink, _) = Self.makeLog()
        log.failed(DatabaseDown())
        log.succeeded()
        log.failed(DatabaseDown())

        #expect(sink.recorded.count == 3)
        #expect(sink.recorded.last?.contains(#"msg="claiming replies failed""#) == true)
    }

    @Test func successWithoutFailureLogsNothing() {
        let (log, sink, _) = Self.makeLog()
        log.succeeded()
        #expect(sink.recorded.isEmpty)
    }
}
