import MotCuaCrypto

/// The admin API's bearer tokens with their roles, read from `MOTCUA_ADMIN_TOKENS`
/// (`role:token,role:token`). Only SHA-256 digests of the tokens are kept in memory.
struct AdminTokens: Sendable {
    private struct Entry: Sendable {
        var role: AdminRole
        var digest: [UInt8]
    }

    /// Shorter tokens are rejected at start-up because they could be guessed.
    static let minimumLength = 16

    private let entries: [Entry]

    /// Parses the variable's value. Errors name the pair by position and never contain a token.
    init(parsing text: String) throws(ConfigurationError) {
        var entries: [Entry] = []
        let pairs = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, pair) in pairs.enumerated() where !pair.isEmpty {
            let position = index + 1
            guard let colon = pair.firstIndex(of: ":") else {
                throw ConfigurationError(
                    key: "MOTCUA_ADMIN_TOKENS",
                    message: "cặp thứ \(position) thiếu dấu ':'; viết vai_trò:token, ví dụ officer:…"
                )
            }
            let roleName = String(pair[..<colon])
            let token = String(pair[pair.index(after: colon)...])
            guard let role = AdminRole(rawValue: roleName) else {
                let roles = AdminRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(
                    key: "MOTCUA_ADMIN_TOKENS",
                    message: "cặp thứ \(position) có vai trò không tồn tại '\(roleName)'; dùng \(roles)"
                )
            }
            guard token.count >= Self.minimumLength else {
                throw ConfigurationError(
                    key: "MOTCUA_ADMIN_TOKENS",
                    message: "token của cặp thứ \(position) ngắn hơn \(Self.minimumLength) ký tự; "
                        + "dùng một giá trị ngẫu nhiên, ví dụ kết quả của `openssl rand -hex 32`")
            }
            let digest = Digest.sha256(Array(token.utf8))
            guard !entries.contains(where: { $0.digest == digest }) else {
                throw ConfigurationError(
                    key: "MOTCUA_ADMIN_TOKENS", message: "token của cặp thứ \(position) trùng một token trước đó")
            }
            entries.append(Entry(role: role, digest: digest))
        }
        self.entries = entries
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Returns the role of `token`, or nil when no configured token matches. Every configured digest
    /// is compared in constant time, so the time taken does not reveal which entry matched.
    func role(of token: String) -> AdminRole? {
        let digest = Digest.sha256(Array(token.utf8))
        var match: AdminRole?
        for entry in entries where Digest.constantTimeEquals(entry.digest, digest) {
            match = entry.role
        }
        return match
    }
}
