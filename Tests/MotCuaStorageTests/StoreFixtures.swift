import Foundation
import MotCuaCore
import MotCuaStorage

@testable import MotCuaPostgres

/// A database folder under the system temporary directory, removed when the test body returns.
struct TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("nested/motcua.sqlite").path }

    /// Runs `body` with a fresh folder and removes the folder afterwards, also when `body` throws.
    static func with(_ body: (TemporaryDatabase) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-storage-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(TemporaryDatabase(folder: folder))
    }

    /// Runs `body` with a store opened on a fresh SQLite file and closes it afterwards.
    static func withStore(_ body: (SQLiteStore) throws -> Void) throws {
        try with { database in
            let store = try SQLiteStore(path: database.path)
            defer { store.close() }
            try body(store)
        }
    }

    /// Runs `body` with an empty store of `backend` and removes its data afterwards.
    static func withStore(_ backend: StoreBackend, _ body: (any Store) throws -> Void) throws {
        switch backend {
        case .sqlite:
            try withStore { (store: SQLiteStore) in try body(store) }
        case .postgres:
            try PostgresSchema.withStore(body)
        }
    }
}

enum Fixture {
    static let alice = ConversationID(channel: .zalo, userID: "8412345678901234567")
    static let bob = ConversationID(channel: .telegram, userID: "42")

    /// Returns the date `milliseconds` after 2023-11-14T22:13:20Z. Whole milliseconds survive storage exactly.
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(1_700_000_000_000 + milliseconds) / 1000)
    }

    static func event(_ id: String, from conversation: ConversationID = alice, text: String = "xin chào")
        -> InboundEvent
    {
        InboundEvent(
            channel: conversation.channel, eventID: id, userID: conversation.userID,
            timestampMillis: 1_700_000_000_000, content: .text(text))
    }

    static func dossier(_ receiptCode: String, for conversation: ConversationID = alice, at milliseconds: Int64 = 0)
        -> Dossier
    {
        Dossier(
            receiptCode: receiptCode, flowID: "khai-sinh", flowVersion: "3", conversationID: conversation,
            answers: ["ho_ten": "Nguyễn Văn An", "ngay_sinh": "01/02/2024"], createdAt: date(milliseconds))
    }

    static func commit(
        sequence: Int64, for conversation: ConversationID = alice, state: String = "step-2",
        replies: [String] = ["Cảm ơn"], dossiers: [Dossier] = [], at milliseconds: Int64 = 1_000
    ) -> ProcessingCommit {
        ProcessingCommit(
            eventSequence: sequence,
            conversation: ConversationRecord(id: conversation, state: Data(state.utf8), updatedAt: date(milliseconds)),
            replies: replies.map { OutboundMessage(text: $0) },
            dossiers: dossiers,
            now: date(milliseconds))
    }

    /// Stores one event per entry of `ids` and returns their sequences in order.
    static func insertEvents(_ ids: [String], from conversation: ConversationID = alice, into store: any Store)
        throws -> [Int64]
    {
        for id in ids {
            _ = try store.insertInbound(event(id, from: conversation), receivedAt: date(0))
        }
        return try store.pendingInbound(limit: 1_000).filter { ids.contains($0.event.eventID) }.map(\.sequence)
    }
}
