/// A webhook or platform response that a channel adapter could not accept.
///
/// `message` names the failing field or header. It never contains a secret, a token or the
/// citizen's message text.
public struct ChannelError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case badSignature
            case missingSignature
            case malformedBody
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The signature header is present but does not match the body.
        public static let badSignature = Code(.badSignature)
        /// The request carries no signature header.
        public static let missingSignature = Code(.missingSignature)
        /// The body is not valid JSON or lacks a field the event needs.
        public static let malformedBody = Code(.malformedBody)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension ChannelError {
    static func badSignature(_ message: String) -> ChannelError {
        ChannelError(code: .badSignature, message: message)
    }

    static func missingSignature(_ message: String) -> ChannelError {
        ChannelError(code: .missingSignature, message: message)
    }

    static func malformedBody(_ message: String) -> ChannelError {
        ChannelError(code: .malformedBody, message: message)
    }
}
