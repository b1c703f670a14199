import Foundation

/// A value bound to a statement parameter (`$1`, `$2`, …).
enum PostgresValue {
    case integer(Int64)
    case text(String)
    case boolean(Bool)
    /// Sent in binary form, so every byte value survives.
    case bytea(Data)
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
        case .null: nil
        }
    }
}
