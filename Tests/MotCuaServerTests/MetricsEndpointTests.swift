import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaStorage
import Testing

@testable import MotCuaServer

/// `/metrics`, `/readyz` and request ids over real HTTP on loopback.
@Suite(.serialized)
struct MetricsEndpointTests {
    @Test func webhooksCountedByResult() async throws {
        let harness = try ServiceHarness()
        try harness.start()

        let signed = ZaloWebhookBuilder.textEvent(
            text: "menu", userID: "8000000000000000101", msgID: "metrics-1", timestampMillis: 1_772_000_000_000,
            settings: ServiceHarness.settings)
        #expect(try await harness.post(signed.body, signature: signed.signature) == 200)
        #expect(try await harness.post(signed.body, signature: signed.signature) == 200)
        #expect(try await harness.post(signed.body, signature: "mac=" + String(repeating: "0", count: 64)) == 401)
        let malformed = Array("not json".utf8)
        #expect(try await harness.post(malformed, signature: "mac=00") != 200)
        #expect(try await harness.waitUntilIdle())

        #expect(try await harness.metric(#"motcua_webhooks_total{channel="zalo",result="accepted"}"#) == 1)
        #expect(try await harness.metric(#"motcua_webhooks_total{channel="zalo",result="duplicate"}"#) == 1)
        let rejected =
            (try await harness.metric(#"motcua_webhooks_total{channel="zalo",result="bad_signature"}"#) ?? 0)
            + (try await harness.metric(#"motcua_webhooks_total{channel="zalo",result="malformed"}"#) ?? 0)
        #expect(rejected == 2)
        let delivered = try await harness.metric(#"motcua_deliveries_total{channel="zalo",result="delivered"}"#)
        #expect((delivered ?? 0) >= 1)
        #expect(try await harness.metric(#"motcua_events_total{result="processed"}"#) == 1)
        #expect(try await harness.metric(#"motcua_event_processing_seconds_count{channel="zalo"}"#) == 1)
        #expect(try await harness.metric("motcua_inbox_pending") == 0)
        #expect(try await harness.metric("motcua_outbox_pending") == 0)
    }

    @Test func exposesTypesAndContentType() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let response = try await harness.get("/metrics")
        let body = String(decoding: response.body, as: UTF8.self)

        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        for (name, kind) in [
            ("motcua_webhooks_total", "counter"), ("motcua_event_processing_seconds", "histogram"),
            ("motcua_inbox_pending", "gauge"), ("motcua_outbox_pending", "gauge"), ("motcua_drafts_active", "gauge"),
            ("motcua_deliveries_total", "counter"), ("motcua_rate_limit_waits_total", "counter"),
            ("motcua_database_errors_total", "counter"), ("motcua_retention_deleted_total", "counter"),
        ] {
            #expect(body.contains("# TYPE \(name) \(kind)\n"), "missing \(name)")
            #expect(body.contains("# HELP \(name) "), "missing help of \(name)")
        }
    }

    @Test func draftsGaugeCountsFormsInProgress() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        _ = try await harness.converse("khai sinh", user: "8000000000000000102")
        _ = try await harness.converse("menu", user: "8000000000000000103")
        #expect(try await harness.waitUntilIdle())
        #expect(try await harness.metric("motcua_drafts_active") == 1)
    }

    @Test func rateLimitWaitsCounted() async throws {
        let harness = try ServiceHarness()
        harness.rateLimits.perRecipientPerSecond = 0.5
        harness.rateLimits.perRecipientBurst = 1
        try harness.start()

        // The start of a flow sends at least two replies, so the second waits for a token.
        _ = try await harness.converse("khai sinh", user: "8000000000000000105")
        #expect(try await harness.waitUntilIdle())
        let waits = try await harness.metric(#"motcua_rate_limit_waits_total{channel="zalo"}"#)
        #expect((waits ?? 0) >= 1)
        let seconds = try await harness.metric(#"motcua_rate_limit_wait_seconds_total{channel="zalo"}"#)
        #expect((seconds ?? 0) > 0)
    }

    @Test func bearerTokenProtectsMetrics() async throws {
        let harness = try ServiceHarness()
        harness.metricsToken = "metrics-token-0123456789"
        try harness.start()

        #expect(try await harness.get("/metrics").status == 401)
        let wrong = try await harness.get("/metrics", headers: [(name: "Authorization", value: "Bearer nope")])
        #expect(wrong.status == 401)
        let right = try await harness.get(
            "/metrics", headers: [(name: "Authorization", value: "Bearer metrics-token-0123456789")])
        #expect(right.status == 200)
        #expect(try await harness.get("/healthz").status == 200)
    }

    @Test func requestIDEchoedOrGenerated() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let echoed = try await harness.get("/healthz", headers: [(name: "X-Request-Id", value: "edge-42.a")])
        #expect(echoed.header("X-Request-Id") == "edge-42.a")
        let unsafe = try await harness.get("/healthz", headers: [(name: "X-Request-Id", value: "a b\"c")])
        let generated = try #require(unsafe.header("X-Request-Id"))
        #expect(generated != "a b\"c")
        #expect(!generated.isEmpty)
    }

    @Test func webhookLinesCarryRequestID() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let signed = ZaloWebhookBuilder.textEvent(
            text: "menu", userID: "8000000000000000104", msgID: "metrics-rid", timestampMillis: 1_772_000_000_000,
            settings: ServiceHarness.settings)
        let response = try await harness.client.send(
            HTTPClientRequest(
                method: "POST", url: harness.webhookURL,
                headers: [
                    (name: "X-ZEvent-Signature", value: signed.signature), (name: "X-Request-Id", value: "rid-77"),
                ],
                body: signed.body))
        #expect(response.status == 200)
        #expect(try await harness.waitUntilIdle())

        let stored = harness.logs.recorded.filter { $0.contains("msg=\"webhook stored\"") }
        #expect(stored.count == 1)
        #expect(stored.first?.contains("request.id=rid-77") == true)
        #expect(stored.first?.contains("event.id=metrics-rid") == true)
        let processed = harness.logs.recorded.filter { $0.contains("msg=\"event processed\"") }
        #expect(processed.first?.contains("event.id=metrics-rid") == true)
    }

    @Test func readinessFailsWhenDatabaseClosed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-ready-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        let client = try HTTPClient()
        defer { client.shutdown() }
        let metrics = ServiceMetrics()
        let router = Router(
            store: store, channels: ChannelSettings(), client: client, logger: Logger(label: "test", sink: .memory()),
            metrics: metrics, clock: { Date() },
            inbox: InboxCommitter(store: store, logger: Logger(label: "test", sink: .memory()), onStored: { _ in }))
        let request = HTTPRequest(method: "GET", path: "/readyz")

        #expect(router.handle(request).status == 200)
        store.close()
        let response = router.handle(request)
        #expect(response.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self).contains("không kết nối được cơ sở dữ liệu"))
        #expect(metrics.registry.value("motcua_database_errors_total", labels: ["operation": "readiness"]) == 1)
    }
}
