import Foundation
import MotCuaCore

extension SQLiteStore {
    public func platformToken(channel: ChannelKind) throws -> StoredToken? {
        let purpose = "reading the \(channel.rawValue) token"
        return try read(purpose) { connection in
            try connection.query(
                """
                SELECT access_token, refresh_token, expires_at, rotated_at FROM platform_tokens WHERE channel = ?
                """,
                [.text(channel.rawValue)], purpose: purpose
            ) { row in
                StoredToken(
                    channel: channel, accessToken: row.text(0) ?? "", refreshToken: row.text(1) ?? "",
                    expiresAt: row.optionalInt64(2).map { Date(epochMilliseconds: $0) },
                    rotatedAt: Date(epochMilliseconds: row.int64(3)))
            }.first
        }
    }

    public func saveRotatedToken(_ token: StoredToken) throws {
        let purpose = "saving the rotated \(token.channel.rawValue) token"
        _ = try write(purpose) { connection in
            try connection.run(
                """
                INSERT INTO platform_tokens (channel, access_token, refresh_token, expires_at, rotated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET access_token = excluded.access_token,
                    refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                    rotated_at = excluded.rotated_at
                """,
                [
                    .text(token.channel.rawValue), .text(token.accessToken), .text(token.refreshToken),
                    token.expiresAt.map { .integer($0.epochMilliseconds) } ?? .null,
                    .integer(token.rotatedAt.epochMilliseconds),
                ],
                purpose: purpose)
        }
    }
}
