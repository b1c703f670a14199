import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    public func loadConversation(_ id: ConversationID) throws -> ConversationRecord? {
        let purpose = "loading conversation \(id)"

        return try read(purpose) { connection in
            try connection.query(
                "SELECT state, updated_at, handoff FROM conversations WHERE channel = $1 AND user_id = $2",
                [.text(id.channel.rawValue), .text(id.userID)],
                purpose: purpose
            ) { row in
                ConversationRecord(
                    id: id, state: row.blob(0) ?? Data(), updatedAt: Date(epochMilliseconds: row.int64(1)),
                    handoff: row.bool(2))
            }.first
        }
    }

    /// Writes everything one processed event changes in one transaction. The event's row stays
    /// locked until the transaction ends. When the event is already processed nothing is written,
    /// so repeating a commit after a crash, after a lost COMMIT or from a second instance is harmless.
    /// Throws `notFound` when no event has `commit.eventSequence`, and `constraint` when a dossier's
    /// receipt code or a report's ticket is already stored.
    public func commitProcessing(_ commit: ProcessingCommit) throws {
        let purpose = "committing processing of event \(commit.eventSequence)"
        let messages = try commit.replies.enumerated().map { index, reply in
            try StoredJSON.encode(reply, purpose: "reply \(index + 1) of event \(commit.eventSequence)")
        }
        let answers = try commit.dossiers.map { dossier in
            try StoredJSON.encode(dossier.answers, purpose: "answers of dossier \(dossier.receiptCode)")
        }
        let photos = try commit.reports.map { report in
            try StoredJSON.encode(report.photoURLs, purpose: "photo URLs of report \(report.ticket)")
        }

        try write(purpose, idempotent: true) { connection in
            guard try Self.isPending(eventSequence: commit.eventSequence, connection: connection, purpose: purpose)
            else {
                return
            }

            let id = commit.conversation.id
            if commit.deletesCitizenData {
                _ = try Self.deleteCitizenData(id, connection: connection)
            }
            try Self.saveConversation(commit.conversation, connection: connection, purpose: purpose)
            for message in messages {
                _ = try Self.appendReply(message, to: id, dueAt: commit.now, connection: connection, purpose: purpose)
            }
            for (dossier, answers) in zip(commit.dossiers, answers) {
                try Self.insertDossier(dossier, answers: answers, connection: connection)
            }
            for (report, photos) in zip(commit.reports, photos) {
                try Self.insertReport(report, photoURLs: photos, connection: connection)
            }
            switch commit.subscription {
            case .save(let subscription)?:
                try Self.saveSubscription(subscription, connection: connection)
            case .delete?:
                _ = try Self.deleteSubscription(id, connection: connection)
            case nil:
                break
            }
            try Self.setProcessed(
                eventSequence: commit.eventSequence, at: commit.now, connection: connection, purpose: purpose)
        }
    }

    static func saveConversation(
        _ conversation: ConversationRecord, connection: PostgresConnection, purpose: String
    ) throws {
        try connection.run(
            """
            INSERT INTO conversations (channel, user_id, state, updated_at, handoff) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (channel, user_id) DO UPDATE
                SET state = excluded.state, updated_at = excluded.updated_at, handoff = excluded.handoff
            """,
            [
                .text(conversation.id.channel.rawValue), .text(conversation.id.userID), .bytea(conversation.state),
                .integer(conversation.updatedAt.epochMilliseconds), .boolean(conversation.handoff),
            ],
            purpose: "saving conversation \(conversation.id) while \(purpose)")
    }
}
