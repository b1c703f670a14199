import Foundation
import MotCuaCore
import MotCuaReplay
import MotCuaServer
import MotCuaStorage
import Testing

/// The Zalo access token is refreshed through the mock's OAuth endpoint by a real service.
@Suite(.serialized)
struct ZaloTokenRefreshTests {
    static let environmentRefreshToken = "REFRESH_FROM_ENV"

    static func harness() throws -> ServiceHarness {
        let harness = try ServiceHarness()
        harness.zaloRefreshToken = environmentRefreshToken
        harness.zaloAppSecret = "APP_SECRET_TEST"
        harness.mock.acceptRefreshToken(environmentRefreshToken)
        return harness
    }

    static func storedToken(_ harness: ServiceHarness) throws -> StoredToken? {
        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        return try store.platformToken(channel: .zalo)
    }

    @Test func expiredTokenRefreshesOnceAndDelivers() async throws {
        let harness = try Self.harness()
        harness.mock.expireAccessToken()
        try harness.start()
        try await harness.sendText("khai sinh")
        let messages = await harness.waitForMessages(2)
        try await Task.sleep(for: .milliseconds(400))

        #expect(harness.mock.messages.count == 2)
        #expect(messages.first?.text.contains("Đăng ký khai sinh") == true)
        #expect(messages.allSatisfy { $0.accessToken == "mock-access-1" })
        #expect(harness.mock.refreshCount == 1)
        // The first reply was rejected once and sent again; the second went out with the new token.
        #expect(harness.mock.requestCount == 3)
        let logs = harness.logs.recorded
        #expect(logs.contains { $0.contains("Zalo access token refreshed") })
        #expect(!logs.contains { $0.contains("mock-access-1") || $0.contains("mock-refresh-1") })
        #expect(!logs.contains { $0.contains(Self.environmentRefreshToken) || $0.contains("APP_SECRET_TEST") })
        harness.stop()
        #expect(try Self.storedToken(harness)?.refreshToken == "mock-refresh-1")
    }

    @Test func concurrentRepliesShareOneRefresh() async throws {
        let harness = try Self.harness()
        harness.mock.expireAccessToken()
        try harness.start()
        let users = (1...6).map { "800000000000000010\($0)" }
        for user in users {
            try await harness.sendText("khai sinh", user: user)
        }
        let messages = await harness.waitForMessages(users.count * 2)
        try await Task.sleep(for: .milliseconds(400))

        #expect(harness.mock.messages.count == users.count * 2)
        #expect(Set(messages.map(\.recipient)) == Set(users))
        #expect(messages.allSatisfy { $0.accessToken == "mock-access-1" })
        #expect(harness.mock.refreshRequestCount == 1)
    }

    @Test func storedRefreshTokenWinsAfterRestart() async throws {
        let harness = try Self.harness()
        harness.mock.expireAccessToken()
        try harness.start()
        try await harness.sendText("khai sinh")
        await harness.waitForMessages(2)
        harness.stop()
        #expect(try Self.storedToken(harness)?.refreshToken == "mock-refresh-1")

        // The environment still names the first refresh token, which the mock no longer accepts.
        harness.mock.expireAccessToken()
        try harness.start()
        #expect(try await harness.converse("Nguyen Thi Mai").contains("sinh ngày nào"))
        let last = try #require(harness.mock.messages.last)
        #expect(last.accessToken == "mock-access-2")
        #expect(harness.mock.refreshCount == 2)
        #expect(harness.mock.refreshRequestCount == 2)
        harness.stop()
        #expect(try Self.storedToken(harness)?.refreshToken == "mock-refresh-2")
    }

    @Test func storedAccessTokenUsedAfterRestart() async throws {
        let harness = try Self.harness()
        harness.mock.expireAccessToken()
        try harness.start()
        try await harness.sendText("khai sinh")
        await harness.waitForMessages(2)
        harness.stop()

        try harness.start()
        #expect(try await harness.converse("Nguyen Thi Mai").contains("sinh ngày nào"))
        #expect(harness.mock.messages.last?.accessToken == "mock-access-1")
        #expect(harness.mock.refreshRequestCount == 1)
    }

    @Test func failedRefreshIsLoggedAndNotRepeated() async throws {
        let harness = try Self.harness()
        harness.mock.expireAccessToken()
        harness.mock.failRefreshes(true)
        try harness.start()
        try await harness.sendText("khai sinh")
        let deadline = Date().addingTimeInterval(10)
        while harness.mock.requestCount < 4, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))

        // Sends kept being retried with backoff, while the refresh ran once.
        #expect(harness.mock.requestCount >= 4)
        #expect(harness.mock.messages.isEmpty)
        #expect(harness.mock.refreshRequestCount == 1)
        #expect(harness.logs.recorded.contains { $0.contains("Zalo access token refresh failed") })
        harness.stop()
        #expect(try Self.storedToken(harness) == nil)
    }

    @Test func withoutAppSecretTheTokenIsNotRefreshed() async throws {
        let harness = try ServiceHarness()
        harness.mock.expireAccessToken()
        try harness.start()
        try await harness.sendText("khai sinh")
        let deadline = Date().addingTimeInterval(10)
        while harness.mock.requestCount < 2, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(harness.mock.requestCount >= 2)
        #expect(harness.mock.refreshRequestCount == 0)
    }
}
