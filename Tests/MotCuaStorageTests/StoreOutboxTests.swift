import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreOutboxTests {
    /// Commits one event per conversation with the given replies, due at `Fixture.date(0)`.
    private func queueReplies(_ replies: [ConversationID: [String]], in store: any Store) throws {
        for (offset, conversation) in [Fixture.alice, Fixture.bob].enumerated() {
            guard let texts = replies[conversation] else {
                continue
            }
            let sequence = try Fixture.insertEvents(["queue-\(offset)"], from: conversation, into: store)[0]
            try store.commitProcessing(Fixture.commit(sequence: sequence, for: conversation, replies: texts, at: 0))
        }
    }

    @Test(arguments: StoreBackend.all) func claimGivesOldestPerConversation(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1", "a2", "a3"], Fixture.bob: ["b1", "b2"]], in: store)

            let claimed = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)

            #expect(claimed.map(\.message.text) == ["a1", "b1"])
            #expect(claimed.map(\.id) == claimed.map(\.id).sorted())
            #expect(claimed.map(\.conversationID) == [Fixture.alice, Fixture.bob])
        }
    }

    @Test(arguments: StoreBackend.all) func claimRespectsLimit(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1"], Fixture.bob: ["b1"]], in: store)

            #expect(try store.claimDueOutbox(now: Fixture.date(0), limit: 1, lease: 30).map(\.message.text) == ["a1"])
            #expect(try store.claimDueOutbox(now: Fixture.date(0), limit: 1, lease: 30).map(\.message.text) == ["b1"])
            #expect(try store.claimDueOutbox(now: Fixture.date(0), limit: 0, lease: 30).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func claimSkipsRepliesNotYetDue(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1"]], in: store)

            #expect(try store.claimDueOutbox(now: Fixture.date(-1), limit: 10, lease: 30).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func claimHeldUntilLeaseEnds(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1", "a2"]], in: store)

            let first = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)
            let duringLease = try store.claimDueOutbox(now: Fixture.date(29_999), limit: 10, lease: 30)
            let afterLease = try store.claimDueOutbox(now: Fixture.date(30_000), limit: 10, lease: 30)

            #expect(first.map(\.message.text) == ["a1"])
            #expect(duringLease.isEmpty)
            #expect(afterLease.map(\.id) == first.map(\.id))
        }
    }

    @Test(arguments: StoreBackend.all) func retryWaitsForNextAttempt(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1", "a2"]], in: store)
            let claimed = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)

            try store.scheduleRetry(
                outboxID: claimed[0].id, attempts: 1, nextAttemptAt: Fixture.date(5_000), error: "HTTP 503")

            #expect(try store.claimDueOutbox(now: Fixture.date(4_999), limit: 10, lease: 30).isEmpty)
            let retried = try store.claimDueOutbox(now: Fixture.date(5_000), limit: 10, lease: 30)
            #expect(retried.map(\.id) == [claimed[0].id])
            #expect(retried.first?.attempts == 1)
            #expect(retried.first?.nextAttemptAt == Fixture.date(5_000))
            #expect(retried.first?.lastError == "HTTP 503")
        }
    }

    @Test(arguments: StoreBackend.all) func deliveredReplyLetsNextThrough(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1", "a2"]], in: store)
            let first = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)

            try store.markDelivered(outboxID: first[0].id, at: Fixture.date(10))

            let next = try store.claimDueOutbox(now: Fixture.date(10), limit: 10, lease: 30)
            #expect(next.map(\.message.text) == ["a2"])
            let delivered = try store.outboxEntries(for: Fixture.alice).first
            #expect(delivered?.status == .delivered)
            #expect(delivered?.attempts == 1)
        }
    }

    @Test(arguments: StoreBackend.all) func failedReplyLetsNextThrough(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1", "a2"]], in: store)
            let first = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)

            try store.markFailed(outboxID: first[0].id, attempts: 3, reason: "user blocked the bot")

            #expect(try store.claimDueOutbox(now: Fixture.date(1), limit: 10, lease: 30).map(\.message.text) == ["a2"])
            let failed = try store.outboxEntries(for: Fixture.alice).first
            #expect(failed?.status == .failed)
            #expect(failed?.attempts == 3)
            #expect(failed?.lastError == "user blocked the bot")
        }
    }

    @Test(arguments: StoreBackend.all) func finishedReplyCannotChangeAgain(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            try queueReplies([Fixture.alice: ["a1"]], in: store)
            let id = try store.claimDueOutbox(now: Fixture.date(0), limit: 10, lease: 30)[0].id
            try store.markDelivered(outboxID: id, at: Fixture.date(1))

            #expect {
                try store.scheduleRetry(outboxID: id, attempts: 1, nextAttemptAt: Fixture.date(2), error: "late")
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
            #expect {
                try store.markFailed(outboxID: 999, attempts: 1, reason: "missing")
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
            #expect(try store.outboxEntries(for: Fixture.alice).first?.status == .delivered)
        }
    }
}
