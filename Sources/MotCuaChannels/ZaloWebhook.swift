import Foundation
import MotCuaCrypto

/// Verifies and decodes the events a Zalo Official Account posts to the webhook.
public enum ZaloWebhook {
    public static let signatureHeaderName = "X-ZEvent-Signature"

    /// Verifies `X-ZEvent-Signature` against the raw body.
    ///
    /// Zalo sends `mac=` and the SHA-256 (plain, not HMAC) of the concatenation of the first term
    /// (app id or OA id), the raw body bytes, the body's `timestamp` text and the secret. The header's
    /// hex digits are decoded and compared with the computed digest in constant time, so upper-case
    /// digits are accepted, and so is a header without the `mac=` prefix.
    ///
    /// - Throws: `ChannelError` with code `.missingSignature` when the header is absent or empty,
    ///   `.malformedBody` when the body is not JSON or has no `timestamp`, and `.badSignature`
    ///   when the header is not 64 hex digits or does not match.
    public static func verify(body: [UInt8], signatureHeader: String?, settings: ZaloSettings) throws {
        let received = try receivedSignature(signatureHeader)
        try checkSignature(received, body: body, timestamp: try timestampText(in: body), settings: settings)
    }

    /// Verifies `X-ZEvent-Signature` like `verify(body:signatureHeader:settings:)` and then decodes
    /// the body like `decode(body:)`, parsing the JSON once for both. The digest is still computed
    /// over the raw body bytes.
    ///
    /// - Throws: the errors of `verify`, then those of `decode`, which are all `.malformedBody`.
    public static func verifiedDecision(
        body: [UInt8], signatureHeader: String?, settings: ZaloSettings
    ) throws -> ZaloWebhookDecision {
        let received = try receivedSignature(signatureHeader)
        let root = try parseObject(body)
        try checkSignature(received, body: body, timestamp: try timestampText(of: root), settings: settings)
        return try decision(from: root)
    }

    /// Returns the digest bytes of a present, well-formed signature header.
    private static func receivedSignature(_ signatureHeader: String?) throws -> [UInt8] {
        let header = signatureHeader?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !header.isEmpty else {
            throw ChannelError.missingSignature("missing header \(signatureHeaderName)")
        }
        guard let received = decodeSignature(header) else {
            throw ChannelError.badSignature("header \(signatureHeaderName) is not mac= followed by 64 hex digits")
        }
        return received
    }

    private static func checkSignature(
        _ received: [UInt8], body: [UInt8], timestamp: String, settings: ZaloSettings
    ) throws {
        let expected = signatureDigest(body: body, timestamp: timestamp, settings: settings)
        guard Digest.constantTimeEquals(received, expected) else {
            throw ChannelError.badSignature("header \(signatureHeaderName) does not match the body")
        }
    }

    /// Computes the `X-ZEvent-Signature` value (`mac=` and lowercase hex) Zalo would send with `body`.
    ///
    /// - Throws: `ChannelError.malformedBody` when the body is not JSON or has no `timestamp`.
    public static func signatureHeaderValue(body: [UInt8], settings: ZaloSettings) throws -> String {
        let digest = signatureDigest(body: body, timestamp: try timestampText(in: body), settings: settings)
        return "mac=" + Digest.hex(digest)
    }

    static func signatureDigest(body: [UInt8], timestamp: String, settings: ZaloSettings) -> [UInt8] {
        var input = Array(settings.signatureFirstTermValue.utf8)
        input += body
        input += Array(timestamp.utf8)
        input += Array(settings.signatureSecret.utf8)
        return Digest.sha256(input)
    }

    /// Returns the body's `timestamp` as its JSON text, which is what Zalo hashes.
    static func timestampText(in body: [UInt8]) throws -> String {
        try timestampText(of: try parseObject(body))
    }

    private static func timestampText(of root: JSONValue) throws -> String {
        guard let timestamp = root["timestamp"]?.text, !timestamp.isEmpty else {
            throw ChannelError.malformedBody("missing field timestamp")
        }
        return timestamp
    }

    /// Parses the body, which must be a JSON object.
    static func parseObject(_ body: [UInt8]) throws -> JSONValue {
        guard let root = JSONValue.parse(body), root.objectMembers != nil else {
            throw ChannelError.malformedBody("body is not a JSON object")
        }
        return root
    }

    /// Decodes `mac=<hex>` (prefix optional, any letter case) into the 32 digest bytes.
    static func decodeSignature(_ header: String) -> [UInt8]? {
        var hex = Substring(header)
        if hex.lowercased().hasPrefix("mac=") {
            hex = hex.dropFirst(4)
        }

        return Digest.sha256Bytes(fromHex: hex)
    }
}
