import Foundation

/// A value bound to a statement parameter (`$1`, `$2`, …).
enum PostgresValue {
    case integer(Int64)
    case text(String)
    case boolean(Bool)
    /// Sent in binary form, so every byte value survives.
    case bytea(Data)
    /// A one-dimensional `bigint[]`, for `= ANY($n)` and `unnest($n)`.
    case integerArray([Int64])
    /// A one-dimensional `text[]`, for `unnest($n)`. Elements are never NULL.
    case textArray([String])
    case null
}

extension PostgresValue {
    /// Binds `nil` as NULL.
    static func text(_ value: String?) -> PostgresValue {
        value.map { .text($0) } ?? .null
    }

    /// Binds `nil` as NULL.
    static func integer(_ value: Int64?) -> PostgresValue {
        value.map { .integer($0) } ?? .null
    }

    /// The type OID sent with the parameter, from PostgreSQL's pg_type catalog; 0 lets the server infer it.
    var typeOID: UInt32 {
        switch self {
        case .integer: 20  // int8
        case .text: 25  // text
        case .boolean: 16  // bool
        case .bytea: 17  // bytea
        case .integerArray: 1016  // _int8
        case .textArray: 1009  // _text
        case .null: 0
        }
    }

    /// The parameter's bytes as libpq sends them, and whether they are binary (1) or text (0).
    var wireBytes: (bytes: [UInt8], format: Int32)? {
        switch self {
        case .integer(let value): (Array(String(value).utf8), 0)
        case .text(let value): (Array(value.utf8), 0)
        case .boolean(let value): (Array((value ? "t" : "f").utf8), 0)
        case .bytea(let value): ([UInt8](value), 1)
        case .integerArray(let values): (Array("{\(values.map(String.init).joined(separator: ","))}".utf8), 0)
        case .textArray(let values): (Array(Self.arrayLiteral(quoting: values).utf8), 0)
        case .null: nil
        }
    }

    /// Writes `values` in the text form of an array, each element double-quoted with its backslashes
    /// and double quotes escaped, so commas, braces and the word NULL stay plain text.
    private static func arrayLiteral(quoting values: [String]) -> String {
        let elements = values.map { value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return "{\(elements.joined(separator: ","))}"
    }
}
