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
    private let journalPriority: Bool
    private let lines = Mutex<[String]>([])

    private init(format: Format, target: Target, journalPriority: Bool) {
        self.format = format
        self.target = target
        self.journalPriority = journalPriority
    }

    /// Writes to standard error. When standard error is connected to the systemd journal, each
    /// line starts with its syslog priority (`<4>` for a warning), so `journalctl -p` can filter.
    public static func standardError(format: Format) -> LogSink {
        standardError(format: format, environment: ProcessInfo.processInfo.environment)
    }

    /// Writes to standard error, reading `JOURNAL_STREAM` from `environment`.
    public static func standardError(format: Format, environment: [String: String]) -> LogSink {
        let journal = isJournalStream(environment["JOURNAL_STREAM"], descriptor: STDERR_FILENO)
        return LogSink(format: format, target: .standardError, journalPriority: journal)
    }

    /// Keeps lines in memory; read them with `recorded`. `journalPriority` adds the prefix that
    /// a sink connected to the journal writes.
    public static func memory(format: Format = .logfmt, journalPriority: Bool = false) -> LogSink {
        LogSink(format: format, target: .memory, journalPriority: journalPriority)
    }

    public var recorded: [String] { lines.withLock { $0 } }

    func write(_ record: LogRecord) {
        var line = format == .json ? Self.json(record) : Self.logfmt(record)
        if journalPriority { line = "<\(Self.syslogPriority(record.level))>" + line }
        switch target {
        case .standardError:
            // A closed standard error must not stop the service, so the write error is ignored.
            try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
        case .memory:
            lines.withLock { $0.append(line) }
        }
    }

    /// Checks the `JOURNAL_STREAM` value ("device:inode", set by systemd) against the file behind
    /// `descriptor`. A match means the descriptor is still the journal stream and was not redirected.
    static func isJournalStream(_ value: String?, descriptor: Int32) -> Bool {
        guard let value, descriptor >= 0 else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Returns the syslog priority of `level` as sd-daemon(3) prefixes define it. Syslog has no
    /// trace level, so trace shares debug's.
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
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

    /// Quotes a logfmt value unless it is a non-empty run of characters that need no escaping.
    /// Control characters are escaped so that one record stays on one line of one field.
    private static func quoted(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { $0 != " " && $0 != "\"" && $0 != "=" && !isControl($0) }
        if plain { return value }

        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
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
