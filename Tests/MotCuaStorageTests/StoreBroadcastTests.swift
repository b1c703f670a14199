import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

@testable import MotCuaPostgres

struct StoreBroadcastTests {
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

    /// Inserts `subscriptions` as they are, keeping their `createdAt`, through each backend's own
    /// seeding path, because `Store` only adds subscriptions while processing an event.
    static func importSubscriptions(into store: any Store, _ subscriptions: [Subscription]) throws {
        switch store {
        case let sqlite as SQLiteStore:
            try sqlite.importSubscriptions(subscriptions)
        case let postgres as PostgresStore:
            try postgres.write("importing subscriptions") { connection in
                for subscription in subscriptions {
                    try PostgresStore.saveSubscription(subscription, connection: connection)
                }
            }
        default:
            Issue.record("no way to seed subscriptions into \(type(of: store))")
        }
    }

    @Test(arguments: StoreBackend.all) func createAndReadRoundTrip(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let id = try store.createBroadcast(Self.draft(audience: BroadcastAudience(communes: ["Bình Hòa"])))
            let read = try #require(try store.broadcast(id: id))
            #expect(read.id == id)
            #expect(read.link == BroadcastLink(title: "Xem", url: "https://example.org"))
            #expect(read.audience.communes == ["Bình Hòa"])
            #expect(read.expiresAt == Fixture.date(10_000_000))
            #expect(try store.broadcasts(limit: 10, offset: 0).map(\.id) == [id])
        }
    }

    @Test(arguments: StoreBackend.all) func startFixesAudienceOnce(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(
                into: store,
                [
                    Self.subscriber(1), Self.subscriber(2, commune: "An Phú"), Self.subscriber(3, commune: ""),
                ])
            let id = try store.createBroadcast(Self.draft(audience: BroadcastAudience(communes: ["binh hoa"])))

            #expect(try store.startBroadcast(id: id, now: Fixture.date(1)) == 2)
            #expect(try store.broadcast(id: id)?.state == .running)
            // A second start finds the broadcast running and adds no recipient.
            #expect(try store.startBroadcast(id: id, now: Fixture.date(2)) == nil)
            // A citizen subscribing after the start is not added.
            try Self.importSubscriptions(into: store, [Self.subscriber(4)])
            #expect(try store.recipientCounts(broadcastID: id, now: Fixture.date(3)).total == 2)
        }
    }

    @Test(arguments: StoreBackend.all) func stoppedCitizenNeverIncluded(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1), Self.subscriber(2)])
            _ = try store.deleteCitizenData(Self.subscriber(2).conversationID)
            let id = try store.createBroadcast(Self.draft())
            #expect(try store.startBroadcast(id: id, now: Fixture.date(1)) == 1)
            let recipients = try store.recipients(broadcastID: id, state: nil, limit: 10)
            #expect(recipients.map(\.conversationID.userID) == ["1001"])
        }
    }

    @Test(arguments: StoreBackend.all) func claimIsExclusive(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, (1...3).map { Self.subscriber($0) })
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

    @Test(arguments: StoreBackend.all) func outcomesOnlyFromSending(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, (1...4).map { Self.subscriber($0) })
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

    @Test(arguments: StoreBackend.all) func interruptedSendBecomesUnknown(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1)])
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

    @Test(arguments: StoreBackend.all) func cancelStopsQueuedAndWaiting(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, (1...3).map { Self.subscriber($0) })
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

    @Test(arguments: StoreBackend.all) func pausedBroadcastHasNoDueRecipients(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1)])
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

    @Test(arguments: StoreBackend.all) func waitingRequeuedAfterNextMessage(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let citizen = Self.subscriber(1, channel: .zalo)
            try Self.importSubscriptions(into: store, [citizen])
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

    @Test(arguments: StoreBackend.all) func waitingExpires(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1, channel: .messenger)])
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

    @Test(arguments: StoreBackend.all) func stateChangesOnlyFromExpected(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            var draft = Self.draft(state: .awaitingApproval)
            draft.scheduledAt = Fixture.date(5_000)
            let id = try store.createBroadcast(draft)

            #expect(
                !(try store.updateBroadcastState(
                    id: id, from: .draft, to: .scheduled, approvedBy: "cb-b", now: Fixture.date(1))))
            #expect(
                try store.updateBroadcastState(
                    id: id, from: .awaitingApproval, to: .scheduled, approvedBy: "cb-b", now: Fixture.date(2)))
            let approved = try #require(try store.broadcast(id: id))
            #expect(approved.state == .scheduled)
            #expect(approved.approvedBy == "cb-b")
            #expect(approved.finishedAt == nil)

            #expect(try store.dueBroadcasts(now: Fixture.date(4_999)).isEmpty)
            #expect(try store.dueBroadcasts(now: Fixture.date(5_000)).map(\.id) == [id])

            #expect(
                try store.updateBroadcastState(
                    id: id, from: .scheduled, to: .cancelled, approvedBy: nil, now: Fixture.date(6)))
            let cancelled = try #require(try store.broadcast(id: id))
            #expect(cancelled.approvedBy == "cb-b")
            #expect(cancelled.finishedAt == Fixture.date(6))
            #expect(try store.dueBroadcasts(now: Fixture.date(9_000)).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func listingIsNewestFirstAndPaged(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let ids = try (0..<3).map { _ in try store.createBroadcast(Self.draft()) }

            #expect(try store.broadcasts(limit: 10, offset: 0).map(\.id) == ids.reversed())
            #expect(try store.broadcasts(limit: 1, offset: 1).map(\.id) == [ids[1]])
            #expect(try store.broadcast(id: ids[2] + 1) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func emergencyRecipientsComeFirst(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1), Self.subscriber(2)])
            let ordinary = try store.createBroadcast(Self.draft())
            var urgent = Self.draft()
            urgent.emergency = true
            let emergency = try store.createBroadcast(urgent)
            _ = try store.startBroadcast(id: ordinary, now: Fixture.date(1))
            _ = try store.startBroadcast(id: emergency, now: Fixture.date(1))

            #expect(try store.broadcast(id: emergency)?.emergency == true)
            #expect(try store.broadcast(id: ordinary)?.emergency == false)
            let due = try store.dueRecipients(now: Fixture.date(2), limit: 3)
            #expect(due.map(\.broadcastID) == [emergency, emergency, ordinary])
            #expect(due.map(\.conversationID.userID) == ["1001", "1002", "1001"])
        }
    }

    /// User ids and reasons come from platforms and workers, so quotes, backslashes, commas and
    /// braces must survive the batched statements unchanged.
    @Test(arguments: StoreBackend.all) func unusualTextSurvivesStartAndClaim(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let odd = Subscription(
                conversationID: ConversationID(channel: .messenger, userID: #"a"b,c\d{e}"#), commune: "NULL",
                topics: ["y-te"], createdAt: Fixture.date(1))
            try Self.importSubscriptions(into: store, [odd, Self.subscriber(2, commune: "")])
            let id = try store.createBroadcast(Self.draft())

            #expect(try store.startBroadcast(id: id, now: Fixture.date(2)) == 2)
            let due = try store.dueRecipients(now: Fixture.date(3), limit: 10)
            #expect(due.map(\.conversationID) == [odd.conversationID, Self.subscriber(2).conversationID])
            #expect(due.map(\.commune) == ["NULL", ""])

            let reason = #"outside "window", \ {x}"#
            let claimed = try store.claimRecipients(
                sending: [due[1].id], waiting: [(due[0].id, reason)], now: Fixture.date(4), lease: 60)
            #expect(claimed == [due[1].id])
            let waiting = try store.recipients(broadcastID: id, state: .waiting, limit: 10)
            #expect(waiting.map(\.id) == [due[0].id])
            #expect(
                try store.recordRecipientOutcomes(
                    [.failed(recipientID: due[1].id, reason: reason)], now: Fixture.date(5)) == 1)
            #expect(try store.recipientCounts(broadcastID: id, now: Fixture.date(6)).reasons == [reason: 1])
        }
    }

    @Test(arguments: StoreBackend.all) func claimIgnoresUnknownAndRepeatedIDs(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try Self.importSubscriptions(into: store, [Self.subscriber(1)])
            let id = try store.createBroadcast(Self.draft())
            _ = try store.startBroadcast(id: id, now: Fixture.date(1))
            let recipient = try #require(try store.dueRecipients(now: Fixture.date(2), limit: 10).first)

            #expect(try store.claimRecipients(sending: [], waiting: [], now: Fixture.date(2), lease: 60).isEmpty)
            let claimed = try store.claimRecipients(
                sending: [recipient.id, recipient.id, recipient.id + 1_000], waiting: [(recipient.id, "late")],
                now: Fixture.date(2), lease: 60)
            #expect(claimed == [recipient.id])
            let sending = try store.recipients(broadcastID: id, state: .sending, limit: 10)
            #expect(sending.map(\.attempts) == [1])
        }
    }

    @Test(arguments: StoreBackend.all) func audienceMembersCarryLastMessage(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let writer = Self.subscriber(1)
            try Self.importSubscriptions(
                into: store, [writer, Self.subscriber(2), Self.subscriber(3, channel: .zalo, commune: "An Phú")])
            let event = InboundEvent(
                channel: .telegram, eventID: "e1", userID: writer.conversationID.userID, timestampMillis: 0,
                content: .text("chào"))
            #expect(try store.insertInbound(event, receivedAt: Fixture.date(7)))

            let members = try store.audienceMembers(BroadcastAudience(communes: ["binh hoa"]))
            #expect(members.map(\.subscription.conversationID.userID) == ["1001", "1002"])
            #expect(members.map(\.lastInboundAt) == [Fixture.date(7), nil])
            #expect(try store.audienceMembers(BroadcastAudience(channels: [.zalo])).count == 1)
        }
    }

    @Test(arguments: StoreBackend.all) func dueRepliesFollowTheOutbox(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            #expect(!(try store.hasDueReplies(now: Fixture.date(0))))
            _ = try store.queueMessage(OutboundMessage(text: "Chào"), to: Fixture.alice, now: Fixture.date(10))

            #expect(!(try store.hasDueReplies(now: Fixture.date(9))))
            #expect(try store.hasDueReplies(now: Fixture.date(10)))
        }
    }
}
