import Foundation
import MotCuaCrypto

/// Verifies and decodes the requests the Messenger Platform sends to a Page's webhook.
public enum MessengerWebhook {
    public static let signatureHeaderName = "X-Hub-Signature-256"
    static let signaturePrefix = "sha256="

    /// Checks the GET request the App Dashboard sends when the callback URL is saved.
    ///
    /// Returns the `hub.challenge` value to send back as a plain-text 200 body when `hub.mode` is
    /// `subscribe` and `hub.verify_token` equals `settings.verifyToken`. Returns nil otherwise, and
    /// the server then answers 403. The tokens are compared in constant time.
    public static func verifyHandshake(query: [String: String], settings: MessengerSettings) -> String? {
        guard query["hub.mode"] == "subscribe",
            let token = query["hub.verify_token"], !settings.verifyToken.isEmpty,
            Digest.constantTimeEquals(Array(token.utf8), Array(settings.verifyToken.utf8)),
            let challenge = query["hub.challenge"], !challenge.isEmpty
        else {
            return nil
        }
        return challenge
    }

    /// Verifies `X-Hub-Signature-256` against the raw body.
    ///
    /// Meta sends `sha256=` and the lowercase hex HMAC-SHA256 of the body bytes, keyed with the App
    /// Secret. The bytes are hashed exactly as received, because Meta signs its escaped form
    /// (`\uXXXX` for non-ASCII, `\/` for `/`) and re-serialising the JSON changes the digest.
    /// Hex digits are decoded before a constant-time comparison, so upper-case digits are accepted.
    ///
    /// - Throws: `ChannelError` with code `.missingSignature` when the header is absent or empty, and
    ///   `.badSignature` when it lacks the `sha256=` prefix, is not 64 hex digits or does not match.
    public static func verify(body: [UInt8], signatureHeader: String?, settings: MessengerSettings) throws {
        let header = signatureHeader?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !header.isEmpty else {
            throw ChannelError.missingSignature("missing header \(signatureHeaderName)")
        }
        guard header.lowercased().hasPrefix(signaturePrefix) else {
            throw ChannelError.badSignature("header \(signatureHeaderName) does not start with \(signaturePrefix)")
        }
        guard let received = decodeHex(header.dropFirst(signaturePrefix.count)) else {
            throw ChannelError.badSignature("header \(signatureHeaderName) is not sha256= followed by 64 hex digits")
        }

        let expected = Digest.hmacSHA256(key: Array(settings.appSecret.utf8), message: body)
        guard Digest.constantTimeEquals(received, expected) else {
            throw ChannelError.badSignature("header \(signatureHeaderName) does not match the body")
        }
    }

    /// Computes the `X-Hub-Signature-256` value Meta would send with `body`.
    public static func signatureHeaderValue(body: [UInt8], settings: MessengerSettings) -> String {
        signaturePrefix + Digest.hex(Digest.hmacSHA256(key: Array(settings.appSecret.utf8), message: body))
    }

    /// Decodes exactly 64 hex digits, in either letter case, into the 32 digest bytes.
    static func decodeHex(_ hex: Substring) -> [UInt8]? {
        Digest.sha256Bytes(fromHex: hex)
    }
}
