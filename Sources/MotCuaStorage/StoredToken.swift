import Foundation
import MotCuaCore

/// A platform's OAuth tokens as last rotated. The refresh token is single use, so the stored one
/// replaces any refresh token given in the environment.
public struct StoredToken: Sendable, Equatable {
    public var channel: ChannelKind
    public var accessToken: String
    public var refreshToken: String
    /// When the access token stops working; nil when the platform did not send `expires_in`.
    public var expiresAt: Date?
    public var rotatedAt: Date

    public init(channel: ChannelKind, accessToken: String, refreshToken: String, expiresAt: Date?, rotatedAt: Date) {
        self.channel = channel
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.rotatedAt = rotatedAt
    }
}
