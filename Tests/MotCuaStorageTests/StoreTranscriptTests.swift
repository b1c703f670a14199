import Foundation
import MotCuaCore
import MotCuaStorage
import Testing

struct StoreTranscriptTests {
    /// Stores `content` from Alice at `milliseconds` and returns its inbox sequence.
    static func receive(_ id: String, _ content: InboundContent, at milliseconds: Int64, into store: any Store)
        throws -> Int64
    {
        let event = InboundEvent(
            channel: .zalo, eventID: id, userID: Fixture.alice.userID, timestampMillis: 1, content: content)
        _ = try store.insertInbound(event, receivedAt: Fixture.date(milliseconds))
        return try #require(try store.pendingInbound(limit: 100).first { $0.event.eventID == id }?.sequence)
    }

    /// Stores a citizen's text, a reply with buttons, a delivered reply, an image and an official's
    /// message, in that time order.
    static func seed(_ store: any Store) throws -> (first: Int64, image: Int64, official: Int64) {
        let first = try receive("a", .text("Tôi tên Nguyễn Văn An"), at: 0, into: store)
        try store.commitProcessing(
            ProcessingCommit(
                eventSequence: first,
                conversation: ConversationRecord(id: Fixture.alice, state: Data("s".utf8), updatedAt: Fixture.date(0)),
                replies: [
                    OutboundMessage(text: "Chọn thủ tục", buttons: [ReplyButton(title: "Khai sinh", value: "1")]),
                    OutboundMessage(text: "Cảm ơn"),
                ],
                dossiers: [], now: Fixture.date(10)))
        let delivered = try #require(try store.outboxEntries(for: Fixture.alice).last?.id)
        try store.markDelivered(outboxID: delivered, at: Fixture.date(11))

        let image = try receive("b", .image(url: "https://example.invalid/a.jpg", caption: nil), at: 20, into: store)
        try store.markProcessed(eventSequence: image)
        let official = try store.queueMessage(
            OutboundMessage(text: "Chào bác"), to: Fixture.alice, now: Fixture.date(30))
        return (first, image, official)
    }

    @Test(arguments: StoreBackend.all) func transcriptListsBothDirectionsInTimeOrder(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let seeded = try Self.seed(store)

            let entries = try #require(try store.transcript(of: Fixture.alice, before: nil, limit: 10))

            #expect(entries.map(\.id.direction) == [.inbound, .outbound, .outbound, .inbound, .outbound])
            #expect(entries.map(\.at) == [0, 10, 10, 20, 30].map(Fixture.date))
            #expect(entries.first?.content == .inbound(.text("Tôi tên Nguyễn Văn An")))
            #expect(entries.first?.id == TranscriptEntry.ID(direction: .inbound, rowID: seeded.first))
            #expect(
                entries[1].content
                    == .outbound(
                        OutboundMessage(text: "Chọn thủ tục", buttons: [ReplyButton(title: "Khai sinh", value: "1")]),
                        status: .pending))
            #expect(entries[2].content == .outbound(OutboundMessage(text: "Cảm ơn"), status: .delivered))
            #expect(entries[3].content == .inbound(.image(url: "https://example.invalid/a.jpg", caption: nil)))
            #expect(entries.last?.id == TranscriptEntry.ID(direction: .outbound, rowID: seeded.official))
        }
    }

    @Test(arguments: StoreBackend.all) func transcriptPagesBackwards(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let seeded = try Self.seed(store)

            let latest = try #require(try store.transcript(of: Fixture.alice, before: nil, limit: 2))
            #expect(latest.map(\.at) == [20, 30].map(Fixture.date))

            let older = try #require(try store.transcript(of: Fixture.alice, before: latest.first?.id, limit: 2))
            #expect(older.map(\.at) == [10, 10].map(Fixture.date))
            #expect(older.map(\.id.direction) == [.outbound, .outbound])

            let oldest = try #require(try store.transcript(of: Fixture.alice, before: older.first?.id, limit: 2))
            #expect(oldest.map(\.id) == [TranscriptEntry.ID(direction: .inbound, rowID: seeded.first)])

            let none = try store.transcript(of: Fixture.alice, before: oldest.first?.id, limit: 2)
            #expect(none == [])
        }
    }

    @Test(arguments: StoreBackend.all) func transcriptOfUnknownConversationIsNil(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            _ = try Self.seed(store)

            #expect(try store.transcript(of: Fixture.bob, before: nil, limit: 10) == nil)
        }
    }

    @Test(arguments: StoreBackend.all) func transcriptRejectsOtherConversationsMessage(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let seeded = try Self.seed(store)
            _ = try store.queueMessage(OutboundMessage(text: "Xin chào"), to: Fixture.bob, now: Fixture.date(40))

            #expect {
                try store.transcript(
                    of: Fixture.bob, before: TranscriptEntry.ID(direction: .outbound, rowID: seeded.official), limit: 10
                )
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
        }
    }

    @Test(arguments: StoreBackend.all) func transcriptOmitsDeletedData(backend: StoreBackend) throws {
        try TemporaryDatabase.withStore(backend) { store in
            let seeded = try Self.seed(store)
            let pendingEvent = try Self.receive("c", .text("Số điện thoại 0912345678"), at: 40, into: store)

            _ = try store.deleteCitizenData(Fixture.alice)

            let entries = try #require(try store.transcript(of: Fixture.alice, before: nil, limit: 10))
            // Pending events and pending replies wait for processing or delivery, so they stay.
            #expect(
                entries.map(\.id) == [
                    TranscriptEntry.ID(direction: .outbound, rowID: seeded.official - 2),
                    TranscriptEntry.ID(direction: .outbound, rowID: seeded.official),
                    TranscriptEntry.ID(direction: .inbound, rowID: pendingEvent),
                ])
            #expect(!entries.contains { $0.content == .inbound(.text("Tôi tên Nguyễn Văn An")) })
            #expect(!entries.contains { $0.content == .outbound(OutboundMessage(text: "Cảm ơn"), status: .delivered) })

            #expect {
                try store.transcript(
                    of: Fixture.alice, before: TranscriptEntry.ID(direction: .inbound, rowID: seeded.first), limit: 10)
            } throws: { error in
                (error as? StorageError)?.code == .notFound
            }
        }
    }

    @Test(
        arguments: [
            ("in-12", TranscriptEntry.ID(direction: .inbound, rowID: 12)),
            ("out-3", TranscriptEntry.ID(direction: .outbound, rowID: 3)),
            ("in-0", nil), ("in--4", nil), ("in-", nil), ("in12", nil), ("up-1", nil), ("", nil), ("out-1x", nil),
        ] as [(String, TranscriptEntry.ID?)])
    func entryIDParsed(text: String, expected: TranscriptEntry.ID?) {
        #expect(TranscriptEntry.ID(text) == expected)
        if let expected {
            #expect(expected.description == text)
        }
    }
}
