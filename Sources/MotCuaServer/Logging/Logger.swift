import Foundation
import Synchronization

/// A small structured logger shaped like swift-log: a label, levels and metadata under dotted keys.
/// Messages are constant phrases; values go into metadata. Personal data never goes in either.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        public var name: String { "\(self)" }

        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }
    }

    public typealias Metadata = [String: String]

    public var label: String
    public var level: Level
    public var metadata: Metadata
    let sink: LogSink

    public init(label: String, level: Level = .info, sink: LogSink = .standardError(format: .logfmt)) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.sink = sink
    }

    /// A logger that adds `metadata` to every line, e.g. a request id.
    public func with(_ extra: Metadata) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(_ level: Level, _ message: String, _ extra: Metadata = [:]) {
        guard level >= self.level else { return }
        var all = metadata
        all.merge(extra) { _, new in new }
        sink.write(LogRecord(date: Date(), level: level, label: label, message: message, metadata: all))
    }

    public func trace(_ message: String, _ extra: Metadata = [:]) { log(.trace, message, extra) }
    public func debug(_ message: String, _ extra: Metadata = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: Metadata = [:]) { log(.info, message, extra) }
    public func notice(_ message: String, _ extra: Metadata = [:]) { log(.notice, message, extra) }
    public func warning(_ message: String, _ extra: Metadata = [:]) { log(.warning, message, extra) }
    public func error(_ message: String, _ extra: Metadata = [:]) { log(.error, message, extra) }
}

public struct LogRecord: Sendable {
    public var date: Date
    public var level: Logger.Level
    public var label: String
    public var message: String
    public var metadata: Logger.Metadata
}
