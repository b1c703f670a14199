import COpenSSL

/// Random bytes and numbers from OpenSSL's CSPRNG (`RAND_bytes`).
///
/// The functions stop the process if the CSPRNG fails, because continuing with predictable
/// values would be worse than stopping.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes needs a non-negative count")
        return mustSucceed { () throws(CryptoError) -> [UInt8] in try generate(count) }
    }

    /// Returns a uniformly distributed value in `0..<upperBound`, rejecting the values that would
    /// bias the modulo. `upperBound` must be positive.
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "SecureRandom.uniform needs a positive upper bound")

        // Values below `threshold` would make small remainders more likely, so they are drawn again.
        let threshold = (0 &- upperBound) % upperBound
        while true {
            let value = bytes(4).reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
            if value >= threshold {
                return value % upperBound
            }
        }
    }

    static func generate(_ count: Int) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }

        guard let length = Int32(exactly: count) else {
            throw CryptoError(code: 0, message: "RAND_bytes cannot produce \(count) bytes at once")
        }
        let status = output.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, length)
        }
        try check(status, "RAND_bytes")
        return output
    }
}
