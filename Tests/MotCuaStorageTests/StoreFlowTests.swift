import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreFlowTests {
    @Test(arguments: StoreBackend.all) func flowVersionStoredOnce(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let first = StoredFlowVersion(
                flowID: "khai-sinh", version: "a1", source: Array("id: khai-sinh\n".utf8), firstSeenAt: Fixture.date(0))
            try store.saveFlowVersion(first)
            var changed = first
            changed.source = Array("changed".utf8)
            changed.firstSeenAt = Fixture.date(5_000)
            try store.saveFlowVersion(changed)
            try store.saveFlowVersion(
                StoredFlowVersion(flowID: "khai-sinh", version: "b2", source: [1, 2], firstSeenAt: Fixture.date(9_000)))

            let versions = try store.flowVersions()
            #expect(versions.map(\.version) == ["a1", "b2"])
            #expect(versions.first == first)
        }
    }

    @Test func flowVersionsSurviveReopen() throws {
        try TemporaryDatabase.with { database in
            let store = try SQLiteStore(path: database.path)
            try store.saveFlowVersion(
                StoredFlowVersion(flowID: "menu", version: "v1", source: [0x61], firstSeenAt: Fixture.date(0)))
            store.close()

            let reopened = try SQLiteStore(path: database.path)
            defer { reopened.close() }
            #expect(try reopened.flowVersions().map(\.flowID) == ["menu"])
        }
    }

    @Test(arguments: StoreBackend.all) func idleConversationsDeleted(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            #expect(try store.insertInbound(Fixture.event("e1"), receivedAt: Fixture.date(0)))
            #expect(try store.insertInbound(Fixture.event("e2", from: Fixture.bob), receivedAt: Fixture.date(0)))
            let pending = try store.pendingInbound(limit: 10)
            try store.commitProcessing(Fixture.commit(sequence: pending[0].sequence, at: 1_000))
            try store.commitProcessing(Fixture.commit(sequence: pending[1].sequence, for: Fixture.bob, at: 50_000))

            #expect(try store.deleteConversations(updatedBefore: Fixture.date(10_000)) == 1)
            #expect(try store.loadConversation(Fixture.alice) == nil)
            #expect(try store.loadConversation(Fixture.bob) != nil)
            #expect(try store.deleteConversations(updatedBefore: Fixture.date(10_000)) == 0)
        }
    }
}
