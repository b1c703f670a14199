import Foundation
import MotCuaServer
import Testing

struct RateLimitDeliveryTests {
    /// Replies to many citizens at once leave no faster than the Zalo bucket allows: no window of
    /// one second contains more than the rate plus the burst.
    @Test func burstOfRepliesIsSpread() async throws {
        let perSecond = 5.0
        let burst = 2.0
        let citizens = 15
        let harness = try ServiceHarness()
        harness.rateLimits.zalo = .init(perSecond: perSecond, burst: burst)
        try harness.start()

        for index in 0..<citizens {
            try await harness.sendText("xin chào", user: "80000000000000010\(index + 10)")
        }
        let deadline = Date().addingTimeInterval(30)
        while Set(harness.mock.messages.map(\.recipient)).count < citizens, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(500))
        let times = harness.mock.arrivalTimes.sorted()

        #expect(Set(harness.mock.messages.map(\.recipient)).count == citizens)
        var busiest = 0
        for (index, first) in times.enumerated() {
            let inWindow = times[index...].prefix { $0.timeIntervalSince(first) < 1 }.count
            busiest = max(busiest, inWindow)
        }
        #expect(busiest <= Int(perSecond + burst), "busiest second held \(busiest) messages")
        #expect(harness.logs.recorded.contains { $0.contains("reply waits for the send rate limit") })
    }
}
