import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    public func platformToken(channel: ChannelKind) throws -> StoredToken? {
        let purpose = "reading the \(channel.rawValue) token"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT access_token, refresh_token, expires_at, rotated_at FROM platform_tokens WHERE channel = $1",
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
        _ = try write(purpose, idempotent: true) { connection in
            try connection.run(
                """
                INSERT INTO platform_tokens (channel, access_token, refresh_token, expires_at, rotated_at)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (channel) DO UPDATE SET access_token = excluded.access_token,
                    refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                    rotated_at = excluded.rotated_at
                """,
                [
                    .text(token.channel.rawValue), .text(token.accessToken), .text(token.refreshToken),
                    .integer(token.expiresAt?.epochMilliseconds), .integer(token.rotatedAt.epochMilliseconds),
                ],
                purpose: purpose)
        }
    }
}
