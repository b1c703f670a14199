import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    /// Stores the event unless its (channel, eventID) is already stored, and returns whether a row
    /// was inserted. The insert is repeated after a lost COMMIT: the unique key makes it harmless,
    /// but the repeat then returns false for an event that this call stored.
    public func insertInbound(_ event: InboundEvent, receivedAt: Date) throws -> Bool {
        let purpose = "storing \(event.channel.rawValue) event \(event.eventID)"
        let payload = try StoredJSON.encode(event, purpose: "\(event.channel.rawValue) event \(event.eventID)")

        return try write(purpose, idempotent: true) { connection in
            let inserted = try connection.run(
                """
                INSERT INTO inbox (channel, event_id, user_id, payload, received_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (channel, event_id) DO NOTHING
                """,
                [
                    .text(event.channel.rawValue), .text(event.eventID), .text(event.userID), .bytea(payload),
                    .integer(receivedAt.epochMilliseconds),
                ],
                purpose: purpose)
            return inserted == 1
        }
    }

    /// Stores the batch in one transaction. Like `insertInbound(_:receivedAt:)` it is repeated
    /// after a lost COMMIT, and the repeat then returns nil for events that the first try stored.
    public func insertInbound(_ batch: [ReceivedEvent]) throws -> [StoredEvent?] {
        guard !batch.isEmpty else { return [] }
        let payloads = try batch.map { received in
            let event = received.event
            return try StoredJSON.encode(event, purpose: "\(event.channel.rawValue) event \(event.eventID)")
        }

        return try write("storing a batch of \(batch.count) events", idempotent: true) { connection in
            try zip(batch, payloads).map { received, payload -> StoredEvent? in
                let event = received.event
                let sequences = try connection.query(
                    """
                    INSERT INTO inbox (channel, event_id, user_id, payload, received_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (channel, event_id) DO NOTHING
                    RETURNING sequence
                    """,
                    [
                        .text(event.channel.rawValue), .text(event.eventID), .text(event.userID), .bytea(payload),
                        .integer(received.receivedAt.epochMilliseconds),
                    ],
                    purpose: "storing \(event.channel.rawValue) event \(event.eventID)"
                ) { row in
                    row.int64(0)
                }
                return sequences.first.map { StoredEvent(sequence: $0, event: event, receivedAt: received.receivedAt) }
            }
        }
    }

    public func pendingInbound(limit: Int) throws -> [StoredEvent] {
        guard limit > 0 else {
            return []
        }

        return try read("reading pending events") { connection in
            try connection.query(
                """
                SELECT sequence, payload, received_at FROM inbox
                WHERE processed_at IS NULL
                ORDER BY sequence
                LIMIT $1
                """,
                [.integer(Int64(limit))],
                purpose: "reading pending events",
                read: Self.storedEvent)
        }
    }

    /// Marks the event processed at the current time, or does nothing when it already is.
    /// Throws `notFound` when no event has this sequence.
    public func markProcessed(eventSequence: Int64) throws {
        let purpose = "marking event \(eventSequence) processed"
        let now = Date()

        try write(purpose, idempotent: true) { connection in
            guard try Self.isPending(eventSequence: eventSequence, connection: connection, purpose: purpose) else {
                return
            }
            try Self.setProcessed(eventSequence: eventSequence, at: now, connection: connection, purpose: purpose)
        }
    }

    public func lastInboundAt(_ id: ConversationID) throws -> Date? {
        let purpose = "reading the last event time of conversation \(id)"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT MAX(received_at) FROM inbox WHERE channel = $1 AND user_id = $2",
                [.text(id.channel.rawValue), .text(id.userID)], purpose: purpose
            ) { row in
                row.optionalInt64(0).map { Date(epochMilliseconds: $0) }
            }.first ?? nil
        }
    }

    /// Returns whether the event waits for processing, and locks its row until the transaction
    /// ends so that two instances cannot both commit it. Throws `notFound` when no event has this
    /// sequence.
    static func isPending(eventSequence: Int64, connection: PostgresConnection, purpose: String) throws -> Bool {
        let states = try connection.query(
            "SELECT processed_at IS NULL FROM inbox WHERE sequence = $1 FOR UPDATE", [.integer(eventSequence)],
            purpose: purpose
        ) { row in
            row.bool(0)
        }
        guard let pending = states.first else {
            throw StorageError(.notFound, "\(purpose) failed: no event has sequence \(eventSequence)")
        }
        return pending
    }

    static func setProcessed(
        eventSequence: Int64, at date: Date, connection: PostgresConnection, purpose: String
    ) throws {
        try connection.run(
            "UPDATE inbox SET processed_at = $1 WHERE sequence = $2",
            [.integer(date.epochMilliseconds), .integer(eventSequence)],
            purpose: purpose)
    }

    /// Reads a row of (sequence, payload, received_at).
    static func storedEvent(from row: PostgresRow) throws -> StoredEvent {
        let sequence = row.int64(0)
        let event = try StoredJSON.decode(InboundEvent.self, from: row.blob(1), purpose: "event \(sequence)")
        return StoredEvent(sequence: sequence, event: event, receivedAt: Date(epochMilliseconds: row.int64(2)))
    }

    static func channel(_ name: String?, of record: String) throws -> ChannelKind {
        guard let name, let channel = ChannelKind(rawValue: name) else {
            throw StorageError(.decodeFailed, "\(record) has unknown channel '\(name ?? "")'")
        }
        return channel
    }
}
