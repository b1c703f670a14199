import Foundation

/// A parsed JSON document for payloads whose shape varies between senders.
///
/// Numbers keep their integer text, so ids above 2^53 survive without rounding.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as decimal text: integers exactly as written, other numbers as Swift prints a Double.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `bytes` as one JSON value, or returns nil if they are not valid JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var objectMembers: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    var arrayElements: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The text of a string, or of a number, because platforms send some ids either way.
    var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value
        default: nil
        }
    }

    /// A number, or a string holding a decimal number.
    var doubleValue: Double? {
        switch self {
        case .number(let value): Double(value)
        case .string(let value): Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}

extension JSONValue: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()

        // Each failed attempt throws a DecodingError, which costs far more than a match, so the
        // kinds webhook payloads use most come first: strings, then objects. Each attempt succeeds
        // only for its own JSON kind, so the order does not change the result.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(UInt64.self) {
            self = .number(String(value))
        } else {
            self = .number(String(try container.decode(Double.self)))
        }
    }
}
