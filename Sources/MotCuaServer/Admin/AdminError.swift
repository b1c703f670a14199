/// A rejected admin API request. The router turns `kind` into the HTTP status. `message` is sent
/// to the caller and names the field, parameter or id at fault, never a token or a note.
struct AdminError: Error, Sendable {
    enum Kind: Sendable {
        case unauthorized
        case forbidden
        case notFound
        case badRequest
        /// The path exists but not for this method; `allowed` lists the methods it takes.
        case methodNotAllowed(allowed: [String])
        case conflict
        case unavailable
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// A successful admin API response: a status the router maps and a JSON body.
struct AdminReply: Sendable {
    enum Kind: Sendable {
        case ok
        case accepted
    }

    var kind: Kind
    var body: [UInt8]
}
