import Foundation
import Testing

@testable import MotCuaServer

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

    @Test(arguments: [
        (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"),
        (.error, "<3>"), (.critical, "<2>"),
    ])
    func journalLinesStartWithPriority(level: Logger.Level, prefix: String) {
        let sink = LogSink.memory(format: .logfmt, journalPriority: true)
        Logger(label: "test", level: .trace, sink: sink).log(level, "m")
        let line = sink.recorded.first ?? ""
        #expect(line.hasPrefix(prefix + "ts="), "\(line)")
    }

    @Test func plainLinesHaveNoPriority() {
        let sink = LogSink.memory(format: .json)
        Logger(label: "test", sink: sink).warning("m")
        #expect(sink.recorded.first?.hasPrefix("{") == true)
    }

    @Test func journalStreamMatchesDescriptor() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-log-\(UUID())").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)

        #expect(LogSink.isJournalStream("\(status.st_dev):\(status.st_ino)", descriptor: descriptor))
        #expect(!LogSink.isJournalStream("\(status.st_dev):\(status.st_ino + 1)", descriptor: descriptor))
        #expect(!LogSink.isJournalStream("\(status.st_dev + 1):\(status.st_ino)", descriptor: descriptor))
        #expect(!LogSink.isJournalStream(nil, descriptor: descriptor))
        #expect(!LogSink.isJournalStream("", descriptor: descriptor))
        #expect(!LogSink.isJournalStream("garbage", descriptor: descriptor))
        #expect(!LogSink.isJournalStream("\(status.st_dev):\(status.st_ino)", descriptor: -1))
    }
}
