import Foundation
import MotCuaCore

extension SQLiteStore {
    /// Stores the event unless its (channel, eventID) is already stored, and returns whether a row was
    /// inserted. The event is fsynced to disk before this returns.
    public func insertInbound(_ event: InboundEvent, receivedAt: Date) throws -> Bool {
        try insertInbound([ReceivedEvent(event: event, receivedAt: receivedAt)]).first! != nil
    }

    /// Stores the batch in one transaction, which `synchronous=FULL` fsyncs once at COMMIT.
    public func insertInbound(_ batch: [ReceivedEvent]) throws -> [StoredEvent?] {
        guard !batch.isEmpty else { return [] }
        let payloads = try batch.map { received in
            let event = received.event
            return try StoredJSON.encode(event, purpose: "\(event.channel.rawValue) event \(event.eventID)")
        }
        let purpose =
            batch.count == 1
            ? "storing \(batch[0].event.channel.rawValue) event \(batch[0].event.eventID)"
            : "storing a batch of \(batch.count) events"

        return try write(purpose) { connection in
            try zip(batch, payloads).map { received, payload -> StoredEvent? in
                let event = received.event
                let inserted = try connection.run(
                    """
                    INSERT INTO inbox (channel, event_id, user_id, payload, received_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (channel, event_id) DO NOTHING
                    """,
                    [
                        .text(event.channel.rawValue), .text(event.eventID), .text(event.userID), .blob(payload),
                        .integer(received.receivedAt.epochMilliseconds),
                    ],
                    purpose: "storing \(event.channel.rawValue) event \(event.eventID)")
                guard inserted == 1 else { return nil }
                // `sequence` is the INTEGER PRIMARY KEY, so it is the row id of the insert.
                return StoredEvent(
                    sequence: connection.lastInsertedRowID, event: event, receivedAt: received.receivedAt)
            }
        }
    }

    public func pendingInbound(limit: Int) throws -> [StoredEvent] {
        // SQLite reads a negative LIMIT as no limit at all.
        guard limit > 0 else {
            return []
        }

        return try read("reading pending events") { connection in
            try connection.query(
                """
                SELECT sequence, payload, received_at FROM inbox
                WHERE processed_at IS NULL
                ORDER BY sequence
                LIMIT ?
                """,
                [.integer(Int64(limit))],
                purpose: "reading pending events"
            ) { row in
                let sequence = row.int64(0)
                let event = try StoredJSON.decode(InboundEvent.self, from: row.blob(1), purpose: "event \(sequence)")
                return StoredEvent(
                    sequence: sequence, event: event, receivedAt: Date(epochMilliseconds: row.int64(2)))
            }
        }
    }

    /// Marks the event processed at the current time, or does nothing when it already is.
    /// Throws `notFound` when no event has this sequence.
    public func markProcessed(eventSequence: Int64) throws {
        let purpose = "marking event \(eventSequence) processed"
        let now = Date()

        try write(purpose) { connection in
            guard try Self.isPending(eventSequence: eventSequence, connection: connection, purpose: purpose) else {
                return
            }
            try Self.setProcessed(eventSequence: eventSequence, at: now, connection: connection, purpose: purpose)
        }
    }

    /// Returns whether the event waits for processing. Throws `notFound` when no event has this sequence.
    static func isPending(eventSequence: Int64, connection: SQLiteConnection, purpose: String) throws -> Bool {
        let states = try connection.query(
            "SELECT processed_at IS NULL FROM inbox WHERE sequence = ?", [.integer(eventSequence)], purpose: purpose
        ) { row in
            row.int64(0) != 0
        }
        guard let pending = states.first else {
            throw StorageError(.notFound, "\(purpose) failed: no event has sequence \(eventSequence)")
        }
        return pending
    }

    static func setProcessed(
        eventSequence: Int64, at date: Date, connection: SQLiteConnection, purpose: String
    ) throws {
        try connection.run(
            "UPDATE inbox SET processed_at = ? WHERE sequence = ?",
            [.integer(date.epochMilliseconds), .integer(eventSequence)],
            purpose: purpose)
    }

    public func lastInboundAt(_ id: ConversationID) throws -> Date? {
        let purpose = "reading the last event time of conversation \(id)"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT MAX(received_at) FROM inbox WHERE channel = ? AND user_id = ?",
                [.text(id.channel.rawValue), .text(id.userID)], purpose: purpose
            ) { row in
                row.isNull(0) ? nil : Date(epochMilliseconds: row.int64(0))
            }.first ?? nil
        }
    }
}
