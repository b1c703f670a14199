import COpenSSL

/// A failure reported by OpenSSL libcrypto. `message` names the failing function and carries the
/// library's own error text, never key or message bytes.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    public var code: UInt
    public var message: String

    public init(code: UInt, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "crypto error \(code): \(message)" }
}

/// Turns an OpenSSL status (1 is success) into a thrown `CryptoError` built from the thread's
/// OpenSSL error queue, which it empties.
func check(_ status: Int32, _ function: String) throws(CryptoError) {
    guard status != 1 else { return }
    throw CryptoError.fromErrorQueue(function)
}

extension CryptoError {
    static func fromErrorQueue(_ function: String) -> CryptoError {
        let code = ERR_get_error()
        ERR_clear_error()

        guard code != 0 else {
            return CryptoError(code: 0, message: "\(function) failed without an OpenSSL error")
        }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return CryptoError(code: code, message: "\(function) failed: \(text)")
    }
}

/// Runs a libcrypto operation and stops the process with the library's message if it throws.
/// Callers use it where a failure leaves no safe way to continue.
func mustSucceed<T>(_ operation: () throws(CryptoError) -> T) -> T {
    do {
        return try operation()
    } catch {
        fatalError(error.description)
    }
}
