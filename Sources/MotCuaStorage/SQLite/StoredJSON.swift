import Foundation

/// The JSON form of payload columns. Keys are sorted so equal values always store equal bytes.
package enum StoredJSON {
    package static func encode<Value: Encodable>(_ value: Value, purpose: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw StorageError(.encodeFailed, "encoding \(purpose) as JSON failed")
        }
    }

    package static func decode<Value: Decodable>(_ type: Value.Type, from data: Data?, purpose: String) throws -> Value
    {
        guard let data else {
            throw StorageError(.decodeFailed, "\(purpose) is NULL")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            // Only the coding path is reported because the decoder's message can quote stored values.
            throw StorageError(.decodeFailed, "decoding \(purpose) from JSON failed at '\(codingPath(of: error))'")
        }
    }

    private static func codingPath(of error: Error) -> String {
        let path: [CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            path = context.codingPath
        default:
            path = []
        }
        return path.map(\.stringValue).joined(separator: ".")
    }
}
