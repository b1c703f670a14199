/// An error from a `Store`. The message names the operation and the ids involved (event, outbox entry,
/// receipt code, conversation), never other bound values, stored payloads or message text.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently to each.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The database file could not be opened or configured.
        public static let openFailed = Code("openFailed")
        /// A statement failed for a reason without its own code.
        public static let queryFailed = Code("queryFailed")
        /// A UNIQUE, NOT NULL, CHECK or foreign key constraint rejected a write.
        public static let constraint = Code("constraint")
        /// The file is damaged or is not a database.
        public static let corrupt = Code("corrupt")
        /// Another connection held a lock longer than the busy timeout.
        public static let busy = Code("busy")
        /// A schema migration failed, or the file's schema is newer than this build.
        public static let migrationFailed = Code("migrationFailed")
        /// A stored payload could not be encoded as JSON.
        public static let encodeFailed = Code("encodeFailed")
        /// A stored payload or column could not be decoded.
        public static let decodeFailed = Code("decodeFailed")
        /// The row an operation targets does not exist or is not in the expected state.
        public static let notFound = Code("notFound")
        /// The connection to the database server failed or was lost.
        public static let connectionFailed = Code("connectionFailed")
        /// The store was closed before the call.
        public static let closed = Code("closed")

        public var description: String { name }
    }

    public var code: Code
    public var message: String
    /// The SQLite extended result code, when SQLite reported the failure.
    public var resultCode: Int32?
    /// The five-character SQLSTATE, when PostgreSQL reported the failure.
    public var sqlState: String?

    public init(_ code: Code, _ message: String, resultCode: Int32? = nil, sqlState: String? = nil) {
        self.code = code
        self.message = message
        self.resultCode = resultCode
        self.sqlState = sqlState
    }

    public var description: String { "\(code): \(message)" }
}
