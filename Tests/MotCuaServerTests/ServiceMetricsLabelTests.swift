import Testing

@testable import MotCuaServer

struct ServiceMetricsLabelTests {
    @Test(arguments: [
        #"motcua_database_errors_total{operation="claim_outbox"} 0"#,
        #"motcua_database_errors_total{operation="store_event"} 0"#,
        #"motcua_database_errors_total{operation="retention_cases"} 0"#,
        #"motcua_webhooks_total{channel="zalo",result="accepted"} 0"#,
        #"motcua_webhooks_total{channel="messenger",result="bad_signature"} 0"#,
        #"motcua_deliveries_total{channel="telegram",result="delivered"} 0"#,
        #"motcua_deliveries_total{channel="zalo",result="token_expired"} 0"#,
    ])
    func knownLabelsStartAtZero(line: String) {
        let text = ServiceMetrics().registry.exposition()
        #expect(text.contains(line + "\n"), "\(line)")
    }

    @Test func incrementAddsToZeroSample() {
        let metrics = ServiceMetrics()
        metrics.databaseErrors.increment(["operation": "claim_outbox"])
        let text = metrics.registry.exposition()
        #expect(text.contains(#"motcua_database_errors_total{operation="claim_outbox"} 1"# + "\n"))
    }
}
