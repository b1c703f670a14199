import CYAML
import MotCuaCore

/// An error from libyaml or from an unsupported document shape, with the 1-based line. The message
/// is Vietnamese, because `motcua lint` and `motcua replay` print it to the people who edit
/// templates and fixtures.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int

    public var description: String { "dòng \(line): \(message)" }
}

/// Parses YAML text into a `DocumentNode` tree with libyaml's event API. Anchors and aliases are
/// rejected because flows have no use for them; tags are ignored and every scalar stays a string.
public enum YAMLParser {
    public static func parse(_ text: String) throws -> DocumentNode {
        let parser = EventParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }
}

/// Owns one `yaml_parser_t` and the input bytes it reads from.
private final class EventParser {
    private var parser = yaml_parser_t()
    private let bytes: UnsafeMutableBufferPointer<UInt8>

    init(bytes input: [UInt8]) {
        bytes = .allocate(capacity: max(input.count, 1))
        _ = bytes.initialize(from: input)
        yaml_parser_initialize(&parser)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(&parser)
        bytes.deallocate()
    }

    func parseDocument() throws -> DocumentNode {
        var root: DocumentNode?
        while true {
            var event = try next()
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return root ?? DocumentNode(.mapping([]), line: 1)
            default:
                guard root == nil else {
                    throw YAMLError(
                        message: "tệp có nhiều hơn một tài liệu YAML; bỏ các dòng '---' thừa", line: line(of: event))
                }
                root = try node(startingWith: &event)
            }
        }
    }

    private func next() throws -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) }
            throw YAMLError(
                message: problem.map(YAMLError.vietnamese(problem:)) ?? "YAML không hợp lệ",
                line: Int(parser.problem_mark.line) + 1)
        }
        return event
    }

    private func line(of event: yaml_event_t) -> Int {
        Int(event.start_mark.line) + 1
    }

    private func node(startingWith event: inout yaml_event_t) throws -> DocumentNode {
        let line = line(of: event)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let buffer = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            return DocumentNode(.scalar(String(decoding: buffer, as: UTF8.self)), line: line)
        case YAML_SEQUENCE_START_EVENT:
            var items: [DocumentNode] = []
            while true {
                var child = try next()
                defer { yaml_event_delete(&child) }
                if child.type == YAML_SEQUENCE_END_EVENT { break }
                items.append(try node(startingWith: &child))
            }
            return DocumentNode(.sequence(items), line: line)
        case YAML_MAPPING_START_EVENT:
            var pairs: [(key: String, value: DocumentNode)] = []
            while true {
                var keyEvent = try next()
                defer { yaml_event_delete(&keyEvent) }
                if keyEvent.type == YAML_MAPPING_END_EVENT { break }
                let key = try node(startingWith: &keyEvent)
                guard let keyText = key.scalar else {
                    throw YAMLError(
                        message: "khóa phải là một giá trị đơn, không phải danh sách hay bảng", line: key.line)
                }
                var valueEvent = try next()
                defer { yaml_event_delete(&valueEvent) }
                pairs.append((keyText, try node(startingWith: &valueEvent)))
            }
            return DocumentNode(.mapping(pairs), line: line)
        case YAML_ALIAS_EVENT:
            throw YAMLError(message: "không dùng được bí danh YAML (*tên); viết lại giá trị đầy đủ", line: line)
        default:
            throw YAMLError(message: "cấu trúc YAML không được hỗ trợ", line: line)
        }
    }
}
