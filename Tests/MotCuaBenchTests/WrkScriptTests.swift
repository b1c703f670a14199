import Testing

@testable import motcua_bench

struct WrkScriptTests {
    @Test func scriptSplitsBodiesByThread() {
        let text = WrkScript(eventsPath: "/tmp/a.events", requestPath: "/webhooks/zalo", threads: 2).text()
        #expect(text.contains("local events_path = \"/tmp/a.events\""))
        #expect(text.contains("local thread_count = 2"))
        #expect(text.contains("line_number % thread_count == thread_index"))
        #expect(text.contains("headers[\"X-ZEvent-Signature\"]"))
        #expect(!text.contains("function delay()"))
    }

    @Test func scriptWithDelayDefinesDelayFunction() {
        let text = WrkScript(eventsPath: "/e", requestPath: "/p", threads: 1, delayMilliseconds: 19).text()
        #expect(text.contains("function delay()\n  return 19\nend"))
    }

    @Test func pathsAreQuotedForLua() {
        let text = WrkScript(eventsPath: #"/tmp/a"b\c"#, requestPath: "/p", threads: 1).text()
        #expect(text.contains(#"local events_path = "/tmp/a\"b\\c""#))
    }
}
