import COpenSSL

/// SHA-256, HMAC-SHA256 and constant-time comparison from OpenSSL libcrypto.
///
/// The functions do not throw, because hashing a byte buffer fails only when libcrypto cannot
/// allocate memory or load its default provider. In that case they stop the process with
/// OpenSSL's message.
public enum Digest {
    /// Length in bytes of a SHA-256 digest.
    public static let sha256Length = 32

    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        mustSucceed { () throws(CryptoError) -> [UInt8] in try computeSHA256(bytes) }
    }

    /// Returns the SHA-256 digest of `bytes` as lowercase hexadecimal.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(sha256(bytes))
    }

    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mustSucceed { () throws(CryptoError) -> [UInt8] in try computeHMACSHA256(key: key, message: message) }
    }

    /// Returns `bytes` as lowercase hexadecimal, two digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Compares two byte strings in time that depends only on their length, with `CRYPTO_memcmp`.
    /// Returns false when the lengths differ, because lengths of digests are public.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }

        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}

extension Digest {
    static func computeSHA256(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        let status = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { digest in
                EVP_Digest(input.baseAddress, input.count, digest.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        try check(status, "EVP_Digest")

        guard length == sha256Length else {
            throw CryptoError(code: 0, message: "EVP_Digest returned \(length) bytes for SHA-256")
        }
        return Array(output.prefix(Int(length)))
    }

    static func computeHMACSHA256(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let keyLength = Int32(exactly: key.count) else {
            throw CryptoError(code: 0, message: "HMAC key of \(key.count) bytes is too long")
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        // HMAC() maps a null key pointer with length 0 to an empty key, and an empty
        // Swift array may have a null base address, so no placeholder byte is needed.
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { input in
                output.withUnsafeMutableBufferPointer { digest in
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, keyLength,
                        input.baseAddress?.assumingMemoryBound(to: UInt8.self),
                        input.count, digest.baseAddress, &length)
                }
            }
        }
        guard result != nil else { throw CryptoError.fromErrorQueue("HMAC") }

        guard length == sha256Length else {
            throw CryptoError(code: 0, message: "HMAC returned \(length) bytes for SHA-256")
        }
        return Array(output.prefix(Int(length)))
    }
}
