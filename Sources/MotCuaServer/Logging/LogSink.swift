import Foundation
import Synchronization

/// The destination of log lines: standard error in logfmt or JSON, or memory for tests.
public final class LogSink: Sendable {
    public enum Format: String, Sendable {
        case logfmt
        case json
    }

    private enum Target {
        case standardError
        case memory
    }

    private let format: Format
    private let target: Target
    private let lines = Mutex<[String]>([])

    private init(format: Format, target: Target) {
        self.format = format
        self.target = target
    }

    public static func standardError(format: Format) -> LogSink { LogSink(format: format, target: .standardError) }

    /// Keeps lines in memory; read them with `recorded`.
    public static func memory(format: Format = .logfmt) -> LogSink { LogSink(format: format, target: .memory) }

    public var recorded: [String] { lines.withLock { $0 } }

    func write(_ record: LogRecord) {
        let line = format == .json ? Self.json(record) : Self.logfmt(record)
        switch target {
        case .standardError:
            // A closed standard error must not stop the service, so the write error is ignored.
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
        case .memory:
            lines.withLock { $0.append(line) }
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func logfmt(_ record: LogRecord) -> String {
        var parts = [
            "ts=\(timestamp(record.date))", "level=\(record.level.name)", "logger=\(record.label)",
            "msg=\(quoted(record.message))",
        ]
        for key in record.metadata.keys.sorted() {
            parts.append("\(key)=\(quoted(record.metadata[key] ?? ""))")
        }
        return parts.joined(separator: " ")
    }

    private static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.allSatisfy { $0 != " " && $0 != "\"" && $0 != "=" && !$0.isNewline }
        if plain { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }

    static func json(_ record: LogRecord) -> String {
        var object: [String: String] = record.metadata
        object["ts"] = timestamp(record.date)
        object["level"] = record.level.name
        object["logger"] = record.label
        object["msg"] = record.message
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
