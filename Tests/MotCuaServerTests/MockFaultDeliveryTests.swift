import Foundation
import MotCuaHTTP
import MotCuaServer
import Testing

struct MockFaultDeliveryTests {
    @Test func slowAnswerRetriedOnce() async throws {
        let harness = try ServiceHarness()
        harness.outboundTimeoutSeconds = 0.5
        harness.mock.failNext([.slow(seconds: 1.5)])
        try harness.start()

        try await harness.sendText("khai sinh")
        await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(1_500))

        #expect(harness.mock.messages.count == 2)
        #expect(harness.mock.messages.first?.text.contains("Đăng ký khai sinh") == true)
        #expect(harness.mock.requestCount == 3)
        #expect(harness.logs.recorded.contains { $0.contains("reply delivery will be retried") })
    }

    @Test func droppedConnectionRetriedOnce() async throws {
        let harness = try ServiceHarness()
        harness.mock.failNext([.droppedConnection])
        try harness.start()

        try await harness.sendText("khai sinh")
        await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(500))

        #expect(harness.mock.messages.count == 2)
        #expect(harness.mock.messages.first?.text.contains("Đăng ký khai sinh") == true)
        #expect(harness.mock.requestCount == 3)
        #expect(harness.logs.recorded.contains { $0.contains("reply delivery will be retried") })
    }

    @Test func retryAfterDelaysNextAttempt() async throws {
        let harness = try ServiceHarness()
        harness.mock.failNext([.rateLimited(retryAfter: 1)])
        try harness.start()

        let sentAt = Date()
        try await harness.sendText("khai sinh")
        await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(300))
        let firstArrival = try #require(harness.mock.arrivalTimes.first)

        #expect(firstArrival.timeIntervalSince(sentAt) >= 1)
        #expect(harness.mock.messages.count == 2)
        #expect(harness.mock.requestCount == 3)
    }

    @Test func telegramRateLimitBody() async throws {
        let harness = try ServiceHarness()
        harness.mock.failNext([.rateLimited(retryAfter: 7)])

        let response = try await harness.client.send(
            HTTPClientRequest(
                method: "POST", url: "\(harness.mock.baseURL)/bot\(ServiceHarness.telegramToken)/sendMessage",
                headers: [(name: "Content-Type", value: "application/json")],
                body: Array(#"{"chat_id":1,"text":"x"}"#.utf8)))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])

        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "7")
        #expect(body["ok"] as? Bool == false)
        #expect(body["error_code"] as? Int == 429)
        #expect((body["parameters"] as? [String: Any])?["retry_after"] as? Int == 7)
        #expect(harness.mock.messages.isEmpty)
    }
}
