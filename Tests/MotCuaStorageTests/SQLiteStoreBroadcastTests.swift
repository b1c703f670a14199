import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct SQLiteStoreBroadcastTests {
    static func subscriber(_ index: Int, channel: ChannelKind = .telegram, commune: String = "Bình Hòa")
        -> Subscription
    {
        Subscription(
            conversationID: ConversationID(channel: channel, userID: "\(1000 + index)"), commune: commune,
            topics: ["y-te"], createdAt: Fixture.date(Int64(index)))
    }

    static func draft(audience: BroadcastAudience = BroadcastAudience(), state: BroadcastState = .scheduled)
        -> Broadcast
    {
        Broadcast(
            id: 0, text: "Xã {xa}", link: BroadcastLink(title: "Xem", url: "https://example.org"), audience: audience,
            expiresAt: Fixture.date(10_000_000), createdBy: "cb-a", state: state, createdAt: Fixture.date(0))
    }

    @Test func createAndReadRoundTrip() throws {
        try TemporaryDatabase.withStore { store in
            let id = try store.createBroadcast(Self.draft(audience: BroadcastAudience(communes: ["Bình Hòa"])))
            let read = try #require(try store.broadcast(id: id))
            #expect(read.id == id)
            #expect(read.link == BroadcastLink(title: "Xem", url: "https://example.org"))
            #expect(read.audience.communes == ["Bình Hòa"])
            #expect(read.expiresAt == Fixture.date(10_000_000))
            #expect(try store.broadcasts(limit: 10, offset: 0).map(\.id) == [id])
        }
    }

    @Test func startFixesAudienceOnce() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions([
                Self.subscriber(1), Self.subscriber(2, commune: "An Phú"), Self.subscriber(3, commune: ""),
            ])
            let id = try store.createBroadcast(Self.draft(audience: BroadcastAudience(communes: ["binh hoa"])))

            #expect(try store.startBroadcast(id: id, now: Fixture.date(1)) == 2)
            #expect(try store.broadcast(id: id)?.state == .running)
            // A second start finds the broadcast running and adds nobody.
            #expect(try store.startBroadcast(id: id, now: Fixture.date(2)) == nil)
            // A citizen subscribing after the start is not added.
            try store.importSubscriptions([Self.subscriber(4)])
            #expect(try store.recipientCounts(broadcastID: id, now: Fixture.date(3)).total == 2)
        }
    }

    @Test func stoppedCitizenNeverIncluded() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions([Self.subscriber(1), Self.subscriber(2)])
            _ = try store.deleteCitizenData(Self.subscriber(2).conversationID)
            let id = try store.createBroadcast(Self.draft())
            #expect(try store.startBroadcast(id: id, now: Fixture.date(1)) == 1)
            let recipients = try store.recipients(broadcastID: id, state: nil, limit: 10)
            #expect(recipients.map(\.conversationID.userID) == ["1001"])
        }
    }

    @Test func claimIsExclusive() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions((1...3).map { Self.subscriber($0) })
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let due = try store.dueRecipients(now: Fixture.date(2), limit: 10)
            #expect(due.count == 3)

            let first = try store.claimRecipients(
                sending: due.map(\.id), waiting: [], now: Fixture.date(2), lease: 60)
            let second = try store.claimRecipients(
                sending: due.map(\.id), waiting: [], now: Fixture.date(3), lease: 60)
            #expect(first.count == 3)
            #expect(second.isEmpty)
            #expect(try store.dueRecipients(now: Fixture.date(4), limit: 10).isEmpty)
        }
    }

    @Test func outcomesOnlyFromSending() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions((1...4).map { Self.subscriber($0) })
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let ids = try store.dueRecipients(now: Fixture.date(2), limit: 10).map(\.id)
            _ = try store.claimRecipients(sending: Array(ids.prefix(3)), waiting: [], now: Fixture.date(2), lease: 60)

            let recorded = try store.recordRecipientOutcomes(
                [
                    .sent(recipientID: ids[0]), .blocked(recipientID: ids[1], reason: "blocked"),
                    .retry(recipientID: ids[2], nextAttemptAt: Fixture.date(5_000), reason: "HTTP 500"),
                    .sent(recipientID: ids[3]),
                ], now: Fixture.date(3))
            #expect(recorded == 3)
            // A repeated outcome finds the row no longer sending.
            #expect(try store.recordRecipientOutcomes([.sent(recipientID: ids[0])], now: Fixture.date(4)) == 0)

            let counts = try store.recipientCounts(broadcastID: id, now: Fixture.date(4))
            #expect(counts[.sent] == 1)
            #expect(counts[.blocked] == 1)
            #expect(counts[.queued] == 2)
            #expect(counts.reasons == ["blocked": 1])
            #expect(counts.sentLastMinute == 1)
            #expect(try store.dueRecipients(now: Fixture.date(4), limit: 10).map(\.id) == [ids[3]])
            #expect(try store.dueRecipients(now: Fixture.date(5_000), limit: 10).count == 2)
        }
    }

    @Test func interruptedSendBecomesUnknown() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions([Self.subscriber(1)])
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let ids = try store.dueRecipients(now: Fixture.date(2), limit: 10).map(\.id)
            _ = try store.claimRecipients(sending: ids, waiting: [], now: Fixture.date(2), lease: 10)

            #expect(try store.failUnfinishedSends(now: Fixture.date(9_000)) == 0)
            #expect(try store.failUnfinishedSends(now: Fixture.date(12_002)) == 1)
            let counts = try store.recipientCounts(broadcastID: id, now: Fixture.date(12_003))
            #expect(counts[.failed] == 1)
            #expect(counts.reasons == ["outcome_unknown": 1])
            #expect(try store.dueRecipients(now: Fixture.date(20_000), limit: 10).isEmpty)
            #expect(try store.completeFinishedBroadcasts(now: Fixture.date(20_000)) == [id])
        }
    }

    @Test func cancelStopsQueuedAndWaiting() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions((1...3).map { Self.subscriber($0) })
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let ids = try store.dueRecipients(now: Fixture.date(2), limit: 10).map(\.id)
            _ = try store.claimRecipients(
                sending: [ids[0]], waiting: [(ids[1], "outside_zalo_window")], now: Fixture.date(2), lease: 60)

            #expect(try store.cancelBroadcast(id: id, from: .running, now: Fixture.date(3)))
            #expect(!(try store.cancelBroadcast(id: id, from: .running, now: Fixture.date(3))))
            let counts = try store.recipientCounts(broadcastID: id, now: Fixture.date(4))
            #expect(counts[.cancelled] == 2)
            #expect(counts[.sending] == 1)
            #expect(try store.broadcast(id: id)?.state == .cancelled)
            #expect(try store.broadcast(id: id)?.finishedAt == Fixture.date(3))
        }
    }

    @Test func pausedBroadcastHasNoDueRecipients() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions([Self.subscriber(1)])
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            #expect(
                try store.updateBroadcastState(
                    id: id, from: .running, to: .paused, approvedBy: nil, now: Fixture.date(2)))
            #expect(try store.dueRecipients(now: Fixture.date(3), limit: 10).isEmpty)
            #expect(try store.completeFinishedBroadcasts(now: Fixture.date(3)).isEmpty)
            #expect(
                try store.updateBroadcastState(
                    id: id, from: .paused, to: .running, approvedBy: nil, now: Fixture.date(4)))
            #expect(try store.dueRecipients(now: Fixture.date(5), limit: 10).count == 1)
        }
    }

    @Test func waitingRequeuedAfterNextMessage() throws {
        try TemporaryDatabase.withStore { store in
            let citizen = Self.subscriber(1, channel: .zalo)
            try store.importSubscriptions([citizen])
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let ids = try store.dueRecipients(now: Fixture.date(2), limit: 10).map(\.id)
            _ = try store.claimRecipients(
                sending: [], waiting: [(ids[0], "outside_zalo_window")], now: Fixture.date(2), lease: 0)
            #expect(try store.requeueAnsweredWaiting(now: Fixture.date(3)) == 0)

            // The citizen writes; until the event is processed the announcement keeps waiting.
            let event = InboundEvent(
                channel: .zalo, eventID: "e1", userID: citizen.conversationID.userID, timestampMillis: 0,
                content: .text("chào"))
            #expect(try store.insertInbound(event, receivedAt: Fixture.date(4)))
            #expect(try store.requeueAnsweredWaiting(now: Fixture.date(5)) == 0)
            let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)
            try store.markProcessed(eventSequence: sequence)

            #expect(try store.requeueAnsweredWaiting(now: Fixture.date(6)) == 1)
            let due = try store.dueRecipients(now: Fixture.date(7), limit: 10)
            #expect(due.map(\.id) == ids)
            #expect(due.first?.lastInboundAt == Fixture.date(4))
        }
    }

    @Test func waitingExpires() throws {
        try TemporaryDatabase.withStore { store in
            try store.importSubscriptions([Self.subscriber(1, channel: .messenger)])
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let ids = try store.dueRecipients(now: Fixture.date(2), limit: 10).map(\.id)
            _ = try store.claimRecipients(
                sending: [], waiting: [(ids[0], "outside_messenger_window")], now: Fixture.date(2), lease: 0)
            #expect(try store.expireWaitingRecipients(now: Fixture.date(9_999_999)) == 0)
            #expect(try store.expireWaitingRecipients(now: Fixture.date(10_000_000)) == 1)
            #expect(try store.recipientCounts(broadcastID: id, now: Fixture.date(10_000_001)).reasons == ["expired": 1])
        }
    }
}
