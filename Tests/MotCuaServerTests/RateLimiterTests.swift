import Foundation
import MotCuaCore
import Testing

@testable import MotCuaServer

struct RateLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func burstThenRefill() {
        var limiter = RateLimiter(ratePerSecond: 2, burst: 3)

        for _ in 0..<3 { #expect(limiter.take(now: Self.start) == 0) }
        let wait = limiter.take(now: Self.start)
        #expect(abs(wait - 0.5) < 1e-9)

        #expect(limiter.take(now: Self.start.addingTimeInterval(0.25)) > 0)
        #expect(limiter.take(now: Self.start.addingTimeInterval(0.5)) == 0)
        #expect(limiter.take(now: Self.start.addingTimeInterval(0.5)) > 0)
    }

    @Test func refillStopsAtBurst() {
        var limiter = RateLimiter(ratePerSecond: 10, burst: 2)
        _ = limiter.take(now: Self.start)
        let later = Self.start.addingTimeInterval(60)

        #expect(limiter.isFull(now: later))
        #expect(limiter.take(now: later) == 0)
        #expect(limiter.take(now: later) == 0)
        #expect(limiter.take(now: later) > 0)
    }

    @Test func refusedTakeKeepsTokens() {
        var limiter = RateLimiter(ratePerSecond: 1, burst: 1)
        _ = limiter.take(now: Self.start)
        for _ in 0..<5 { _ = limiter.take(now: Self.start.addingTimeInterval(0.5)) }

        #expect(limiter.take(now: Self.start.addingTimeInterval(1)) == 0)
    }

    @Test func recipientsHaveSeparateBuckets() {
        var limits = OutboxRateLimits(channels: [:], recipient: .init(perSecond: 1, burst: 1))
        let first = ConversationID(channel: .telegram, userID: "1")
        let second = ConversationID(channel: .telegram, userID: "2")

        #expect(limits.admit(first, now: Self.start) == 0)
        #expect(limits.admit(first, now: Self.start) > 0)
        #expect(limits.admit(second, now: Self.start) == 0)
        #expect(limits.admit(first, now: Self.start.addingTimeInterval(1)) == 0)
    }

    @Test func channelBucketIsShared() {
        var limits = OutboxRateLimits(channels: [.zalo: .init(perSecond: 4, burst: 2)], recipient: nil)

        #expect(limits.admit(ConversationID(channel: .zalo, userID: "1"), now: Self.start) == 0)
        #expect(limits.admit(ConversationID(channel: .zalo, userID: "2"), now: Self.start) == 0)
        let wait = limits.admit(ConversationID(channel: .zalo, userID: "3"), now: Self.start)
        #expect(abs(wait - 0.25) < 1e-9)
        #expect(limits.admit(ConversationID(channel: .telegram, userID: "3"), now: Self.start) == 0)
    }

    @Test func recipientWaitTakesNoChannelToken() {
        var limits = OutboxRateLimits(
            channels: [.zalo: .init(perSecond: 1, burst: 2)], recipient: .init(perSecond: 1, burst: 1))
        let citizen = ConversationID(channel: .zalo, userID: "1")

        #expect(limits.admit(citizen, now: Self.start) == 0)
        #expect(limits.admit(citizen, now: Self.start) > 0)
        #expect(limits.admit(ConversationID(channel: .zalo, userID: "2"), now: Self.start) == 0)
    }
}
