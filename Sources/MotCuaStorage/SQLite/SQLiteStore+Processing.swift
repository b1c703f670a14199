import Foundation
import MotCuaCore

extension SQLiteStore {
    public func loadConversation(_ id: ConversationID) throws -> ConversationRecord? {
        let purpose = "loading conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT state, updated_at FROM conversations WHERE channel = ? AND user_id = ?",
                [.text(id.channel.rawValue), .text(id.userID)],
                purpose: purpose
            ) { row in
                ConversationRecord(
                    id: id, state: row.blob(0) ?? Data(), updatedAt: Date(epochMilliseconds: row.int64(1)))
            }.first
        }
    }

    /// Writes everything one processed event changes in one transaction. When the event is already
    /// processed nothing is written, so repeating a commit after a crash is harmless. Throws
    /// `notFound` when no event has `commit.eventSequence`, and `constraint` when a dossier's receipt
    /// code is already stored. Nothing of the commit is written in either case.
    public func commitProcessing(_ commit: ProcessingCommit) throws {
        let purpose = "committing processing of event \(commit.eventSequence)"
        let messages = try commit.replies.enumerated().map { index, reply in
            try StoredJSON.encode(reply, purpose: "reply \(index + 1) of event \(commit.eventSequence)")
        }
        let answers = try commit.dossiers.map { dossier in
            try StoredJSON.encode(dossier.answers, purpose: "answers of dossier \(dossier.receiptCode)")
        }

        try write(purpose) { connection in
            guard try Self.isPending(eventSequence: commit.eventSequence, connection: connection, purpose: purpose)
            else {
                return
            }

            try Self.saveConversation(commit.conversation, connection: connection, purpose: purpose)
            for message in messages {
                try Self.appendReply(
                    message, to: commit.conversation.id, dueAt: commit.now, connection: connection, purpose: purpose)
            }
            for (dossier, answers) in zip(commit.dossiers, answers) {
                try Self.insertDossier(dossier, answers: answers, connection: connection)
            }
            try Self.setProcessed(
                eventSequence: commit.eventSequence, at: commit.now, connection: connection, purpose: purpose)
        }
    }

    private static func saveConversation(
        _ conversation: ConversationRecord, connection: SQLiteConnection, purpose: String
    ) throws {
        try connection.run(
            """
            INSERT INTO conversations (channel, user_id, state, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (channel, user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """,
            [
                .text(conversation.id.channel.rawValue), .text(conversation.id.userID), .blob(conversation.state),
                .integer(conversation.updatedAt.epochMilliseconds),
            ],
            purpose: "saving conversation \(conversation.id) while \(purpose)")
    }

    private static func appendReply(
        _ message: Data, to id: ConversationID, dueAt date: Date, connection: SQLiteConnection, purpose: String
    ) throws {
        try connection.run(
            """
            INSERT INTO outbox (channel, user_id, message, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, 'pending', 0, ?, ?)
            """,
            [
                .text(id.channel.rawValue), .text(id.userID), .blob(message), .integer(date.epochMilliseconds),
                .integer(date.epochMilliseconds),
            ],
            purpose: "appending a reply to the outbox while \(purpose)")
    }
}
