import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreProcessingTests {
    @Test(arguments: StoreBackend.all) func commitWritesEveryPart(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a", "b"], into: store)
            let dossier = Fixture.dossier("HS-0001", at: 7)

            try store.commitProcessing(
                Fixture.commit(sequence: sequences[0], replies: ["Một", "Hai"], dossiers: [dossier], at: 1_000))

            let conversation = try store.loadConversation(Fixture.alice)
            #expect(conversation?.state == Data("step-2".utf8))
            #expect(conversation?.updatedAt == Fixture.date(1_000))

            let entries = try store.outboxEntries(for: Fixture.alice)
            #expect(entries.map(\.message.text) == ["Một", "Hai"])
            #expect(entries.map(\.status) == [.pending, .pending])
            #expect(entries.map(\.attempts) == [0, 0])
            #expect(entries.map(\.lastError) == [nil, nil])
            #expect(entries.map(\.nextAttemptAt) == [Fixture.date(1_000), Fixture.date(1_000)])

            #expect(try store.dossier(receiptCode: "HS-0001") == dossier)
            #expect(try store.dossiers(for: Fixture.alice) == [dossier])
            #expect(try store.dossiers(for: Fixture.bob).isEmpty)
            #expect(try store.pendingInbound(limit: 10).map(\.event.eventID) == ["b"])
        }
    }

    @Test(arguments: StoreBackend.all) func commitReplacesConversationState(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a", "b"], into: store)

            try store.commitProcessing(Fixture.commit(sequence: sequences[0], state: "first", at: 1))
            try store.commitProcessing(Fixture.commit(sequence: sequences[1], state: "second", at: 2))

            let conversation = try store.loadConversation(Fixture.alice)
            #expect(conversation?.state == Data("second".utf8))
            #expect(conversation?.updatedAt == Fixture.date(2))
            #expect(try store.loadConversation(Fixture.bob) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func failedCommitWritesNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a", "b"], into: store)
            try store.commitProcessing(
                Fixture.commit(sequence: sequences[0], state: "before", dossiers: [Fixture.dossier("HS-1")]))
            let entriesBefore = try store.outboxEntries(for: Fixture.alice)

            // The second dossier reuses a receipt code, so the insert fails after the others succeeded.
            let failing = Fixture.commit(
                sequence: sequences[1], state: "after", replies: ["Không được lưu"],
                dossiers: [Fixture.dossier("HS-2"), Fixture.dossier("HS-1")], at: 5_000)
            #expect {
                try store.commitProcessing(failing)
            } throws: { error in
                (error as? StorageError)?.code == .constraint
            }

            #expect(try store.loadConversation(Fixture.alice)?.state == Data("before".utf8))
            #expect(try store.outboxEntries(for: Fixture.alice) == entriesBefore)
            #expect(try store.dossier(receiptCode: "HS-2") == nil)
            #expect(try store.pendingInbound(limit: 10).map(\.sequence) == [sequences[1]])
        }
    }

    @Test(arguments: StoreBackend.all) func repeatedCommitChangesNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a"], into: store)
            let commit = Fixture.commit(
                sequence: sequences[0], replies: ["Xin chào"], dossiers: [Fixture.dossier("HS-9")])

            try store.commitProcessing(commit)
            try store.commitProcessing(commit)

            #expect(try store.outboxEntries(for: Fixture.alice).count == 1)
            #expect(try store.dossiers(for: Fixture.alice).count == 1)
        }
    }

    @Test(arguments: StoreBackend.all) func commitAfterMarkProcessedChangesNothing(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a"], into: store)

            try store.markProcessed(eventSequence: sequences[0])
            try store.commitProcessing(Fixture.commit(sequence: sequences[0]))

            #expect(try store.loadConversation(Fixture.alice) == nil)
            #expect(try store.outboxEntries(for: Fixture.alice).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all) func commitForUnknownEventThrows(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store throws in
            #expect {
                try store.commitProcessing(Fixture.commit(sequence: 12))
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
            #expect(try store.loadConversation(Fixture.alice) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func dossiersListedOldestFirst(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let sequences = try Fixture.insertEvents(["a"], into: store)
            let dossiers = [
                Fixture.dossier("HS-B", at: 30), Fixture.dossier("HS-A", at: 10), Fixture.dossier("HS-C", at: 20),
                Fixture.dossier("HS-D", for: Fixture.bob, at: 0),
            ]

            try store.commitProcessing(Fixture.commit(sequence: sequences[0], dossiers: dossiers))

            #expect(try store.dossiers(for: Fixture.alice).map(\.receiptCode) == ["HS-A", "HS-C", "HS-B"])
            #expect(try store.dossiers(for: Fixture.bob).map(\.receiptCode) == ["HS-D"])
        }
    }
}
