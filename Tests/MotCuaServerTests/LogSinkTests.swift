import Foundation
import MotCuaServer
import Testing

struct LogSinkTests {
    static func logfmtLine(message: String, metadata: Logger.Metadata = [:]) -> String {
        let sink = LogSink.memory(format: .logfmt)
        Logger(label: "test", sink: sink).info(message, metadata)
        return sink.recorded.first ?? ""
    }

    @Test(arguments: [
        ("a\tb", #"msg="a\tb""#),
        ("a\rb", #"msg="a\rb""#),
        ("a\r\nb", #"msg="a\r\nb""#),
        ("a\nb", #"msg="a\nb""#),
        ("a\u{1}b", #"msg="a\u0001b""#),
        ("say \"hi\"", #"msg="say \"hi\"""#),
        ("plain", "msg=plain"),
    ])
    func logfmtEscapesControlCharacters(message: String, expected: String) {
        let line = Self.logfmtLine(message: message)
        #expect(line.contains(expected), "\(line)")
        #expect(!line.contains("\t"))
        #expect(!line.contains("\r"))
        #expect(!line.contains("\n"))
    }

    @Test func logfmtEscapesMetadataTab() {
        let line = Self.logfmtLine(message: "m", metadata: ["error": "x\ty"])
        #expect(line.contains(#"error="x\ty""#), "\(line)")
    }
}
