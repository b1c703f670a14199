import Foundation
import MotCuaStorage

/// The schema as numbered migrations, the same numbers and tables as the SQLite store's, with
/// dates as Unix epoch milliseconds in BIGINT columns and bytes in BYTEA columns. Table `schema_migrations` records each
/// applied number. A script runs when its number is missing there, so a database that already has
/// 1001 still gets a shared migration numbered below it. Keep the scripts in number order and never
/// edit an applied one.
///
/// Numbers from 1001 on are tables only this backend needs, for coordinating several instances,
/// so they never collide with a migration added to both backends later.
enum PostgresMigrations {
    static let scripts: [(version: Int, sql: String)] = [
        (
            1,
            """
            CREATE TABLE inbox (
                sequence BIGSERIAL PRIMARY KEY,
                channel TEXT NOT NULL,
                event_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                payload BYTEA NOT NULL,
                received_at BIGINT NOT NULL,
                processed_at BIGINT,
                UNIQUE (channel, event_id)
            );
            CREATE INDEX inbox_pending ON inbox (sequence) WHERE processed_at IS NULL;

            CREATE TABLE conversations (
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                state BYTEA NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (channel, user_id)
            );

            CREATE TABLE outbox (
                id BIGSERIAL PRIMARY KEY,
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                message BYTEA NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT
            );
            CREATE INDEX outbox_conversation ON outbox (channel, user_id, status, id);
            CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';

            -- row_id stands in for SQLite's implicit rowid, which orders dossiers created in the same millisecond.
            CREATE TABLE dossiers (
                receipt_code TEXT NOT NULL PRIMARY KEY,
                row_id BIGSERIAL NOT NULL,
                flow_id TEXT NOT NULL,
                flow_version TEXT NOT NULL,
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                answers BYTEA NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            CREATE INDEX dossiers_conversation ON dossiers (channel, user_id, created_at);
            """
        ),
        (
            2,
            """
            CREATE TABLE flow_versions (
                flow_id TEXT NOT NULL,
                version TEXT NOT NULL,
                source BYTEA NOT NULL,
                first_seen_at BIGINT NOT NULL,
                PRIMARY KEY (flow_id, version)
            );
            CREATE INDEX conversations_updated ON conversations (updated_at);
            """
        ),
        (
            3,
            """
            CREATE TABLE reports (
                ticket TEXT NOT NULL PRIMARY KEY,
                category TEXT NOT NULL,
                description TEXT NOT NULL,
                photo_urls BYTEA NOT NULL,
                location TEXT,
                address TEXT,
                commune TEXT,
                contact TEXT,
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX reports_status ON reports (status, created_at);
            CREATE INDEX reports_created ON reports (created_at);

            CREATE TABLE status_changes (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('dossier', 'report')),
                code TEXT NOT NULL,
                status TEXT NOT NULL,
                note TEXT,
                official_role TEXT NOT NULL,
                changed_at BIGINT NOT NULL
            );
            CREATE INDEX status_changes_code ON status_changes (kind, code, id);

            CREATE TABLE subscriptions (
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                commune TEXT NOT NULL,
                topics TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (channel, user_id)
            );

            ALTER TABLE dossiers ADD COLUMN updated_at BIGINT;
            CREATE INDEX dossiers_status ON dossiers (status, created_at);
            CREATE INDEX dossiers_created ON dossiers (created_at);

            ALTER TABLE conversations ADD COLUMN handoff BOOLEAN NOT NULL DEFAULT FALSE;
            UPDATE conversations SET handoff = TRUE
            WHERE position('"handoff":true' IN convert_from(state, 'UTF8')) > 0;
            CREATE INDEX conversations_handoff ON conversations (updated_at) WHERE handoff;
            """
        ),
        (
            4,
            """
            CREATE INDEX inbox_conversation ON inbox (channel, user_id, received_at);
            """
        ),
        (
            5,
            """
            CREATE TABLE platform_tokens (
                channel TEXT PRIMARY KEY,
                access_token TEXT NOT NULL,
                refresh_token TEXT NOT NULL,
                expires_at BIGINT,
                rotated_at BIGINT NOT NULL
            );
            """
        ),
        // 6: broadcasts and one row per recipient, unique per broadcast and conversation.
        // `audience` is the JSON of BroadcastAudience. Sequences never hand out an id twice, as
        // SQLite's AUTOINCREMENT does.
        (
            6,
            """
            CREATE TABLE broadcasts (
                id BIGSERIAL PRIMARY KEY,
                text TEXT NOT NULL,
                image_url TEXT,
                link_title TEXT,
                link_url TEXT,
                audience TEXT NOT NULL,
                scheduled_at BIGINT,
                expires_at BIGINT,
                emergency BOOLEAN NOT NULL DEFAULT FALSE,
                created_by TEXT NOT NULL,
                approved_by TEXT,
                state TEXT NOT NULL CHECK (state IN
                    ('draft', 'awaiting_approval', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
                created_at BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT
            );
            CREATE INDEX broadcasts_state ON broadcasts (state, scheduled_at);

            CREATE TABLE broadcast_recipients (
                id BIGSERIAL PRIMARY KEY,
                broadcast_id BIGINT NOT NULL REFERENCES broadcasts (id),
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                commune TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'sent', 'waiting', 'failed', 'blocked', 'cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT,
                reason TEXT,
                updated_at BIGINT NOT NULL,
                sent_at BIGINT,
                UNIQUE (broadcast_id, channel, user_id)
            );
            CREATE INDEX broadcast_recipients_due ON broadcast_recipients (state, next_attempt_at);
            CREATE INDEX broadcast_recipients_broadcast ON broadcast_recipients (broadcast_id, state);
            CREATE INDEX broadcast_recipients_conversation ON broadcast_recipients (channel, user_id, state);
            """
        ),
        // 1001: which instance processes a conversation's events and until when. Named leases
        // for work that one instance at a time does, such as a token refresh.
        (
            1001,
            """
            CREATE TABLE conversation_claims (
                channel TEXT NOT NULL,
                user_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                claimed_until BIGINT NOT NULL,
                PRIMARY KEY (channel, user_id)
            );

            CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            """
        ),
    ]

    /// The advisory lock key held while migrating, so instances starting together apply each
    /// migration once. The value is "motcua" in ASCII.
    static let lockKey: Int64 = 0x6D6F_7463_7561

    /// Applies the migrations the database has not seen yet, each in its own transaction, and
    /// returns their numbers.
    static func apply(pool: PostgresPool, target: String) throws -> [Int] {
        do {
            return try pool.withConnection(purpose: "migrating \(target)") { connection in
                try connection.run(
                    "SELECT pg_advisory_lock($1)", [.integer(lockKey)], purpose: "locking \(target) for migration")
                defer {
                    _ = try? connection.run(
                        "SELECT pg_advisory_unlock($1)", [.integer(lockKey)], purpose: "unlocking \(target)")
                }
                return try applyLocked(connection: connection, target: target)
            }
        } catch let error as StorageError where error.code != .connectionFailed {
            throw StorageError(.migrationFailed, error.message, sqlState: error.sqlState)
        }
    }

    private static func applyLocked(connection: PostgresConnection, target: String) throws -> [Int] {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            purpose: "creating schema_migrations")
        let applied = Set(
            try connection.query("SELECT version FROM schema_migrations", purpose: "reading applied migrations") {
                Int($0.int64(0))
            })
        let known = Set(scripts.map(\.version))
        if let unknown = applied.subtracting(known).sorted().first {
            throw StorageError(
                .migrationFailed,
                "database \(target) has migration \(unknown), which this build does not know; "
                    + "run a newer build or restore a backup")
        }

        var newlyApplied: [Int] = []
        for (version, sql) in scripts where !applied.contains(version) {
            var commitSent = false
            try connection.transaction(purpose: "migration \(version)", commitSent: &commitSent) {
                try connection.execute(sql, purpose: "migration \(version)")
                try connection.run(
                    "INSERT INTO schema_migrations (version) VALUES ($1)", [.integer(Int64(version))],
                    purpose: "recording migration \(version)")
            }
            newlyApplied.append(version)
        }
        return newlyApplied
    }
}
