/// The schema as numbered migrations. `PRAGMA user_version` stores how many have been applied, and
/// migration N sets it to N in the same transaction, so a crash never leaves half a migration.
/// Append new scripts at the end and never edit an applied one.
enum SQLiteMigrations {
    static let scripts: [String] = [
        // 1: inbox, conversations, outbox, dossiers. Dates are Unix epoch milliseconds.
        """
        CREATE TABLE inbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            event_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            received_at INTEGER NOT NULL,
            processed_at INTEGER,
            UNIQUE (channel, event_id)
        );
        CREATE INDEX inbox_pending ON inbox (sequence) WHERE processed_at IS NULL;

        CREATE TABLE conversations (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            state BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (channel, user_id)
        ) WITHOUT ROWID;

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            message BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            claimed_until INTEGER,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER
        );
        CREATE INDEX outbox_conversation ON outbox (channel, user_id, status, id);
        -- The claim query scans pending replies in id order, so delivered and failed rows cost nothing.
        CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';

        CREATE TABLE dossiers (
            receipt_code TEXT NOT NULL PRIMARY KEY,
            flow_id TEXT NOT NULL,
            flow_version TEXT NOT NULL,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            answers BLOB NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX dossiers_conversation ON dossiers (channel, user_id, created_at);
        """,
        // 2: flow sources by version, so a conversation keeps the flow version it started with
        // after the templates change; conversations by last activity, for draft expiry.
        """
        CREATE TABLE flow_versions (
            flow_id TEXT NOT NULL,
            version TEXT NOT NULL,
            source BLOB NOT NULL,
            first_seen_at INTEGER NOT NULL,
            PRIMARY KEY (flow_id, version)
        ) WITHOUT ROWID;
        CREATE INDEX conversations_updated ON conversations (updated_at);
        """,
        // 3: field reports, the status history of dossiers and reports, subscriptions, and the
        // handoff flag of conversations so officials can list them. The backfill reads the flag
        // from the engine's JSON, which the processor encodes with sorted keys and no spaces.
        """
        CREATE TABLE reports (
            ticket TEXT NOT NULL PRIMARY KEY,
            category TEXT NOT NULL,
            description TEXT NOT NULL,
            photo_urls BLOB NOT NULL,
            location TEXT,
            address TEXT,
            commune TEXT,
            contact TEXT,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX reports_status ON reports (status, created_at);
        CREATE INDEX reports_created ON reports (created_at);

        CREATE TABLE status_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('dossier', 'report')),
            code TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT,
            official_role TEXT NOT NULL,
            changed_at INTEGER NOT NULL
        );
        CREATE INDEX status_changes_code ON status_changes (kind, code, id);

        CREATE TABLE subscriptions (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            commune TEXT NOT NULL,
            topics TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (channel, user_id)
        ) WITHOUT ROWID;

        ALTER TABLE dossiers ADD COLUMN updated_at INTEGER;
        CREATE INDEX dossiers_status ON dossiers (status, created_at);
        CREATE INDEX dossiers_created ON dossiers (created_at);

        ALTER TABLE conversations ADD COLUMN handoff INTEGER NOT NULL DEFAULT 0;
        UPDATE conversations SET handoff = 1 WHERE CAST(state AS TEXT) LIKE '%"handoff":true%';
        CREATE INDEX conversations_handoff ON conversations (updated_at) WHERE handoff = 1;
        """,
        // 4: the inbox by conversation, so an official can read one conversation's transcript
        // without scanning every citizen's events.
        """
        CREATE INDEX inbox_conversation ON inbox (channel, user_id, received_at);
        """,
        // 5: each platform's current access token and rotated refresh token. A refresh token is
        // single use, so the newest one must survive a restart.
        """
        CREATE TABLE platform_tokens (
            channel TEXT PRIMARY KEY,
            access_token TEXT NOT NULL,
            refresh_token TEXT NOT NULL,
            expires_at INTEGER,
            rotated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // 6: broadcasts and their recipient lists, one row per recipient, unique per broadcast and
        // conversation. `audience` is the JSON of BroadcastAudience. AUTOINCREMENT keeps ids of deleted
        // rows from being reused; other databases use an identity column instead.
        """
        CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            image_url TEXT,
            link_title TEXT,
            link_url TEXT,
            audience TEXT NOT NULL,
            scheduled_at INTEGER,
            expires_at INTEGER,
            emergency INTEGER NOT NULL DEFAULT 0,
            created_by TEXT NOT NULL,
            approved_by TEXT,
            state TEXT NOT NULL CHECK (state IN
                ('draft', 'awaiting_approval', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
            created_at INTEGER NOT NULL,
            started_at INTEGER,
            finished_at INTEGER
        );
        CREATE INDEX broadcasts_state ON broadcasts (state, scheduled_at);

        CREATE TABLE broadcast_recipients (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            commune TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN
                ('queued', 'sending', 'sent', 'waiting', 'failed', 'blocked', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            claimed_until INTEGER,
            reason TEXT,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER,
            UNIQUE (broadcast_id, channel, user_id)
        );
        CREATE INDEX broadcast_recipients_due ON broadcast_recipients (state, next_attempt_at);
        CREATE INDEX broadcast_recipients_broadcast ON broadcast_recipients (broadcast_id, state);
        CREATE INDEX broadcast_recipients_conversation ON broadcast_recipients (channel, user_id, state);
        """,
    ]

    /// Applies the migrations the database has not seen yet, each in its own transaction, and
    /// returns their numbers.
    @discardableResult
    static func apply(to connection: SQLiteConnection) throws -> [Int] {
        let current = try schemaVersion(of: connection)
        guard current <= scripts.count else {
            throw StorageError(
                .migrationFailed,
                "database schema version \(current) is newer than this build's \(scripts.count); "
                    + "run a newer build or restore a backup")
        }

        var applied: [Int] = []
        for (index, script) in scripts.enumerated().dropFirst(current) {
            let version = index + 1
            do {
                let didApply = try connection.transaction(immediate: true, purpose: "migration \(version)") {
                    // Another process may have applied it between the read above and this lock.
                    guard try schemaVersion(of: connection) < version else {
                        return false
                    }
                    try connection.execute(script, purpose: "migration \(version)")
                    try connection.execute(
                        "PRAGMA user_version = \(version)", purpose: "recording migration \(version)")
                    return true
                }
                if didApply { applied.append(version) }
            } catch let error as StorageError {
                throw StorageError(.migrationFailed, error.message, resultCode: error.resultCode)
            }
        }
        return applied
    }

    static func schemaVersion(of connection: SQLiteConnection) throws -> Int {
        let versions = try connection.query("PRAGMA user_version", purpose: "reading schema version") { row in
            Int(row.int64(0))
        }
        return versions.first ?? 0
    }
}
