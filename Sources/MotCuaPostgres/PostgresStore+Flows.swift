import Foundation
import MotCuaCore
import MotCuaStorage

extension PostgresStore {
    public func saveFlowVersion(_ flow: StoredFlowVersion) throws {
        let purpose = "saving flow \(flow.flowID) version \(flow.version)"
        _ = try write(purpose, idempotent: true) { connection in
            try connection.run(
                """
                INSERT INTO flow_versions (flow_id, version, source, first_seen_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (flow_id, version) DO NOTHING
                """,
                [
                    .text(flow.flowID), .text(flow.version), .bytea(Data(flow.source)),
                    .integer(flow.firstSeenAt.epochMilliseconds),
                ],
                purpose: purpose)
        }
    }

    public func flowVersions() throws -> [StoredFlowVersion] {
        let purpose = "reading flow versions"
        return try read(purpose) { connection in
            try connection.query(
                "SELECT flow_id, version, source, first_seen_at FROM flow_versions ORDER BY first_seen_at, flow_id",
                purpose: purpose
            ) { row in
                StoredFlowVersion(
                    flowID: row.text(0) ?? "", version: row.text(1) ?? "", source: [UInt8](row.blob(2) ?? Data()),
                    firstSeenAt: Date(epochMilliseconds: row.int64(3)))
            }
        }
    }

    public func deleteConversations(updatedBefore cutoff: Date) throws -> Int {
        let purpose = "deleting conversations idle since before \(cutoff.epochMilliseconds)"
        return try write(purpose, idempotent: true) { connection in
            try connection.run(
                "DELETE FROM conversations WHERE updated_at < $1", [.integer(cutoff.epochMilliseconds)],
                purpose: purpose)
        }
    }
}
