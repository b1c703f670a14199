import Foundation
import MotCuaHTTP
import Testing

@testable import MotCuaServer

struct ZaloTokenResponseTests {
    static let now = Date(timeIntervalSince1970: 1_772_000_000)

    @Test(arguments: [
        (#"{"access_token":"A","refresh_token":"R","expires_in":"90000"}"#, 90_000.0),
        (#"{"access_token":"A","refresh_token":"R","expires_in":3600}"#, 3_600.0),
    ])
    func expiresInStringOrNumber(body: String, seconds: Double) throws {
        let token = try ZaloTokenManager.token(
            from: HTTPClientResponse(status: 200, body: Array(body.utf8)), now: Self.now)
        #expect(token.accessToken == "A")
        #expect(token.refreshToken == "R")
        #expect(token.expiresAt == Self.now.addingTimeInterval(seconds))
        #expect(token.rotatedAt == Self.now)
    }

    @Test func missingExpiryLeavesItUnknown() throws {
        let body = #"{"access_token":"A","refresh_token":"R"}"#
        let token = try ZaloTokenManager.token(
            from: HTTPClientResponse(status: 200, body: Array(body.utf8)), now: Self.now)
        #expect(token.expiresAt == nil)
    }

    @Test(arguments: [
        (200, #"{"error":-14014,"error_name":"Invalid refresh token"}"#),
        (200, #"{"access_token":"A"}"#),
        (500, #"{"access_token":"A","refresh_token":"R"}"#),
    ])
    func errorResponseThrowsWithoutTokens(status: Int, body: String) {
        #expect(throws: TokenRefreshError.self) {
            try ZaloTokenManager.token(from: HTTPClientResponse(status: status, body: Array(body.utf8)), now: Self.now)
        }
    }
}
