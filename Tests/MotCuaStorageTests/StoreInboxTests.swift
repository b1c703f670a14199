import Foundation
import MotCuaCore
import MotCuaStorage
import Synchronization
import Testing

struct StoreInboxTests {
    @Test(arguments: StoreBackend.all) func duplicateEventStoredOnce(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let event = Fixture.event("msg-1")

            #expect(try store.insertInbound(event, receivedAt: Fixture.date(1)))
            #expect(try !store.insertInbound(event, receivedAt: Fixture.date(2)))

            let pending = try store.pendingInbound(limit: 10)
            #expect(pending.count == 1)
            #expect(pending.first?.event == event)
            #expect(pending.first?.receivedAt == Fixture.date(1))
        }
    }

    @Test(arguments: StoreBackend.all) func sameEventIDOnOtherChannelIsStored(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let insertedForAlice = try store.insertInbound(
                Fixture.event("7", from: Fixture.alice), receivedAt: Fixture.date(0))
            let insertedForBob = try store.insertInbound(
                Fixture.event("7", from: Fixture.bob), receivedAt: Fixture.date(0))

            #expect(insertedForAlice)
            #expect(insertedForBob)
            #expect(try store.pendingInbound(limit: 10).count == 2)
        }
    }

    @Test(arguments: StoreBackend.all) func pendingEventsInArrivalOrder(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let ids = ["c", "a", "b", "e", "d"]
            for (offset, id) in ids.enumerated() {
                _ = try store.insertInbound(Fixture.event(id), receivedAt: Fixture.date(Int64(offset)))
            }

            let pending = try store.pendingInbound(limit: 10)
            #expect(pending.map(\.event.eventID) == ids)
            #expect(pending.map(\.sequence) == pending.map(\.sequence).sorted())
            #expect(try store.pendingInbound(limit: 2).map(\.event.eventID) == ["c", "a"])
            #expect(try store.pendingInbound(limit: 0).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func processedEventLeavesPending(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a", "b", "c"], into: store)

            try store.markProcessed(eventSequence: sequences[1])
            try store.markProcessed(eventSequence: sequences[1])

            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["a", "c"])
        }
    }

    @Test(arguments: StoreBackend.all) func markProcessedUnknownSequenceThrows(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            #expect {
                try store.markProcessed(eventSequence: 999)
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
        }
    }

    @Test(
        arguments: StoreBackend.all,
        [
            InboundContent.text(""),
            .text("Tôi muốn đăng ký khai sinh 👶 \u{0}đuôi"),
            .button("confirm"),
            .image(url: "https://example.invalid/a.jpg", caption: nil),
            .location(latitude: 21.0285, longitude: 105.8542),
            .submittedInfo(["phone": "0912345678", "address": "Hà Nội"]),
            .unsupported(kind: "voice"),
        ])
    func eventContentRoundTrips(backend: StoreBackend, content: InboundContent) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let event = InboundEvent(
                channel: .messenger, eventID: "m-1", userID: "u-1", timestampMillis: 1_234, content: content)

            _ = try store.insertInbound(event, receivedAt: Fixture.date(5))

            #expect(try store.pendingInbound(limit: 1).first?.event == event)
        }
    }

    @Test(arguments: StoreBackend.all) func concurrentInsertsStoredExactlyOnce(backend: StoreBackend) throws {
        let threadCount = 8
        let eventsPerThread = 200

        try TemporaryDatabase.withStore(backend) { store in
            // Threads 0 and 4, 1 and 5, … insert the same ids, so half of all inserts are duplicates.
            let inserted = Mutex(0)
            let failures = Mutex<[String]>([])
            let finished = DispatchGroup()
            for thread in 0..<threadCount {
                finished.enter()
                Thread {
                    defer { finished.leave() }
                    for index in 0..<eventsPerThread {
                        let id = "e-\(thread % (threadCount / 2))-\(index)"
                        do {
                            if try store.insertInbound(Fixture.event(id), receivedAt: Fixture.date(Int64(index))) {
                                inserted.withLock { $0 += 1 }
                            }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                        }
                    }
                }.start()
            }
            finished.wait()

            let uniqueCount = threadCount / 2 * eventsPerThread
            #expect(failures.withLock { $0 } == [])
            #expect(inserted.withLock { $0 } == uniqueCount)

            let pending = try store.pendingInbound(limit: 10 * uniqueCount)
            #expect(pending.count == uniqueCount)
            #expect(Set(pending.map(\.event.eventID)).count == uniqueCount)
        }
    }
}

struct StoreClaimTests {
    @Test(arguments: StoreBackend.all)
    func claimReturnsPendingEventsInOrder(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            _ = try Fixture.insertEvents(["a1"], from: Fixture.alice, into: store)
            _ = try Fixture.insertEvents(["b1"], from: Fixture.bob, into: store)
            let sequences = try Fixture.insertEvents(["a2"], from: Fixture.alice, into: store)

            let claimed = try store.claimInbound(owner: "one", now: Fixture.date(0), lease: 30, limit: 10)
            #expect(claimed.map(\.event.eventID) == ["a1", "b1", "a2"])

            try store.markProcessed(eventSequence: claimed[0].sequence)
            try store.releaseInbound(Fixture.alice, owner: "one")
            let again = try store.claimInbound(owner: "one", now: Fixture.date(1), lease: 30, limit: 10)
            #expect(again.map(\.sequence).contains(sequences[0]))
            #expect(again.map(\.event.eventID) == ["b1", "a2"])
        }
    }

    @Test(arguments: StoreBackend.all)
    func leaseGrantedToFirstOwner(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store throws in
            #expect(try store.acquireLease("job", owner: "one", now: Fixture.date(0), duration: 10))
            #expect(try store.acquireLease("job", owner: "one", now: Fixture.date(1), duration: 10))
        }
    }
}
