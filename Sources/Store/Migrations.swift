import GRDB

/// The schema, as named, append-only migrations. Never edit one that has landed; add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ingestion") { db in
            try db.execute(
                sql: """
                    CREATE TABLE event (
                        code TEXT PRIMARY KEY NOT NULL CHECK (length(code) > 0),
                        name TEXT,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE import (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('demands', 'solvers')),
                        file TEXT NOT NULL,
                        event_code TEXT REFERENCES event(code),
                        status TEXT NOT NULL CHECK (status IN ('imported', 'strict-rejected')),
                        imported INTEGER NOT NULL CHECK (imported >= 0),
                        updated INTEGER NOT NULL CHECK (updated >= 0),
                        unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
                        skipped INTEGER NOT NULL CHECK (skipped >= 0),
                        rejected INTEGER NOT NULL CHECK (rejected >= 0),
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE demand (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_code TEXT NOT NULL REFERENCES event(code),
                        ref TEXT CHECK (ref IS NULL OR length(ref) > 0),
                        natural_key TEXT NOT NULL,
                        enterprise TEXT NOT NULL CHECK (length(enterprise) > 0),
                        county TEXT,
                        field TEXT,
                        title TEXT NOT NULL CHECK (length(title) > 0),
                        description TEXT,
                        goals TEXT,
                        cooperation_mode TEXT,
                        budget_fen INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
                        budget_negotiable INTEGER NOT NULL DEFAULT 0 CHECK (budget_negotiable IN (0, 1)),
                        contact TEXT,
                        phone TEXT,
                        deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                        fingerprint INTEGER NOT NULL,
                        source_file TEXT NOT NULL,
                        source_sheet TEXT,
                        source_row INTEGER NOT NULL CHECK (source_row >= 1),
                        import_id INTEGER NOT NULL REFERENCES import(id),
                        CHECK (NOT (budget_negotiable = 1 AND budget_fen IS NOT NULL))
                    );
                    CREATE UNIQUE INDEX demand_event_ref ON demand(event_code, ref) WHERE ref IS NOT NULL;
                    CREATE INDEX demand_event_natural_key ON demand(event_code, natural_key);
                    CREATE TABLE solver (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ref TEXT CHECK (ref IS NULL OR length(ref) > 0),
                        natural_key TEXT NOT NULL,
                        name TEXT NOT NULL CHECK (length(name) > 0),
                        institution TEXT,
                        region TEXT,
                        directions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(directions)),
                        achievements TEXT,
                        contact TEXT,
                        phone TEXT,
                        fingerprint INTEGER NOT NULL,
                        source_file TEXT NOT NULL,
                        source_sheet TEXT,
                        source_row INTEGER NOT NULL CHECK (source_row >= 1),
                        import_id INTEGER NOT NULL REFERENCES import(id)
                    );
                    CREATE UNIQUE INDEX solver_ref ON solver(ref) WHERE ref IS NOT NULL;
                    CREATE INDEX solver_natural_key ON solver(natural_key);
                    CREATE TABLE rejected_row (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        import_id INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
                        file TEXT NOT NULL,
                        sheet TEXT,
                        row INTEGER NOT NULL CHECK (row >= 1),
                        column_name TEXT NOT NULL,
                        value TEXT NOT NULL,
                        reason TEXT NOT NULL CHECK (length(reason) > 0),
                        cells TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cells))
                    );
                    CREATE INDEX rejected_row_import ON rejected_row(import_id);
                    """)
        }
        migrator.registerMigration("v2-drop-natural-key-indexes") { db in
            // Imports now match records through an in-memory index loaded once per import (RecordIndex), so these
            // indexes only cost time on every insert.
            try db.execute(sql: "DROP INDEX demand_event_natural_key; DROP INDEX solver_natural_key")
        }
        migrator.registerMigration("v3-matching") { db in
            try db.execute(
                sql: """
                    ALTER TABLE demand ADD COLUMN partner TEXT;
                    CREATE TABLE match_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('rank', 'reverse', 'assign')),
                        event_code TEXT REFERENCES event(code),
                        parameters TEXT NOT NULL CHECK (json_valid(parameters)),
                        objective REAL,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE match_candidate (
                        run_id INTEGER NOT NULL REFERENCES match_run(id) ON DELETE CASCADE,
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        solver_id INTEGER NOT NULL REFERENCES solver(id) ON DELETE CASCADE,
                        rank INTEGER NOT NULL CHECK (rank >= 1),
                        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
                        raw REAL NOT NULL CHECK (raw >= 0),
                        reasons TEXT NOT NULL CHECK (json_valid(reasons)),
                        PRIMARY KEY (run_id, demand_id, solver_id)
                    );
                    CREATE TABLE match_assignment (
                        run_id INTEGER NOT NULL REFERENCES match_run(id) ON DELETE CASCADE,
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        solver_id INTEGER NOT NULL REFERENCES solver(id) ON DELETE CASCADE,
                        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
                        forced INTEGER NOT NULL CHECK (forced IN (0, 1)),
                        PRIMARY KEY (run_id, demand_id, solver_id)
                    );
                    CREATE TABLE match_unfilled (
                        run_id INTEGER NOT NULL REFERENCES match_run(id) ON DELETE CASCADE,
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        reason TEXT NOT NULL CHECK (length(reason) > 0),
                        PRIMARY KEY (run_id, demand_id)
                    );
                    CREATE TABLE match_pin (
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        solver_id INTEGER NOT NULL REFERENCES solver(id) ON DELETE CASCADE,
                        action TEXT NOT NULL CHECK (action IN ('pin', 'drop')),
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        PRIMARY KEY (demand_id, solver_id)
                    );
                    """)
        }
        migrator.registerMigration("v4-judging") { db in
            try db.execute(
                sql: """
                    CREATE TABLE judge (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_code TEXT NOT NULL REFERENCES event(code),
                        name TEXT NOT NULL CHECK (length(name) > 0),
                        affiliation TEXT,
                        avoid TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(avoid)),
                        UNIQUE (event_code, name)
                    );
                    CREATE TABLE judge_submission (
                        judge_id INTEGER PRIMARY KEY REFERENCES judge(id),
                        submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE score_entry (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_code TEXT NOT NULL REFERENCES event(code),
                        judge_id INTEGER NOT NULL REFERENCES judge(id),
                        demand_id INTEGER NOT NULL REFERENCES demand(id),
                        solver_id INTEGER NOT NULL REFERENCES solver(id),
                        points TEXT NOT NULL CHECK (json_valid(points)),
                        total_tenths INTEGER NOT NULL CHECK (total_tenths >= 0),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        reason TEXT,
                        conflict TEXT,
                        source TEXT,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        UNIQUE (judge_id, demand_id, solver_id, version)
                    );
                    CREATE TRIGGER score_entry_no_update BEFORE UPDATE ON score_entry
                    BEGIN SELECT RAISE(ABORT, 'score entries are append-only'); END;
                    CREATE TRIGGER score_entry_no_delete BEFORE DELETE ON score_entry
                    BEGIN SELECT RAISE(ABORT, 'score entries are append-only'); END;
                    CREATE TABLE judging_rules (
                        event_code TEXT PRIMARY KEY REFERENCES event(code),
                        rules TEXT NOT NULL CHECK (json_valid(rules)),
                        method TEXT NOT NULL DEFAULT 'trimmed' CHECK (method IN ('mean', 'trimmed', 'zscore'))
                    );
                    """)
        }
        migrator.registerMigration("v5-final-setup") { db in
            try db.execute(
                sql: """
                    ALTER TABLE event ADD COLUMN event_date TEXT
                        CHECK (event_date IS NULL OR event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
                    ALTER TABLE event ADD COLUMN place TEXT;
                    CREATE TABLE pitch_slot (
                        event_code TEXT NOT NULL REFERENCES event(code),
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        solver_id INTEGER NOT NULL REFERENCES solver(id) ON DELETE CASCADE,
                        group_position INTEGER NOT NULL CHECK (group_position >= 1),
                        position INTEGER NOT NULL CHECK (position >= 1),
                        PRIMARY KEY (event_code, demand_id, solver_id),
                        UNIQUE (event_code, demand_id, position)
                    );
                    """)
        }
        migrator.registerMigration("v6-registry") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deal (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_code TEXT REFERENCES event(code),
                        ref TEXT CHECK (ref IS NULL OR length(ref) > 0),
                        natural_key TEXT NOT NULL,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE UNIQUE INDEX deal_ref ON deal(ref) WHERE ref IS NOT NULL;
                    CREATE TABLE deal_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        deal_id INTEGER NOT NULL REFERENCES deal(id),
                        kind TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'voided')),
                        state TEXT NOT NULL CHECK (json_valid(state)),
                        changes TEXT NOT NULL CHECK (json_valid(changes)),
                        actor TEXT NOT NULL,
                        reason TEXT,
                        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE INDEX deal_event_deal ON deal_event(deal_id, id);
                    CREATE TRIGGER deal_event_no_update BEFORE UPDATE ON deal_event
                    BEGIN SELECT RAISE(ABORT, 'deal history is append-only'); END;
                    CREATE TRIGGER deal_event_no_delete BEFORE DELETE ON deal_event
                    BEGIN SELECT RAISE(ABORT, 'deal history is append-only'); END;
                    CREATE TABLE deal_registration (
                        number TEXT PRIMARY KEY NOT NULL CHECK (length(number) IN (14, 16) AND number NOT GLOB '*[^0-9]*'),
                        deal_id INTEGER NOT NULL UNIQUE REFERENCES deal(id)
                    );
                    """)
        }
        migrator.registerMigration("v7-judge-links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE judge_link (
                        token TEXT PRIMARY KEY NOT NULL CHECK (length(token) = 32),
                        judge_id INTEGER NOT NULL REFERENCES judge(id),
                        event_code TEXT NOT NULL REFERENCES event(code),
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        revoked_at TEXT
                    );
                    """)
        }
        migrator.registerMigration("v8-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        name TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
                        role TEXT NOT NULL CHECK (role IN ('organizer', 'reporter')),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    CREATE TABLE signin_link (
                        token TEXT PRIMARY KEY NOT NULL CHECK (length(token) = 32),
                        account TEXT NOT NULL REFERENCES account(name) ON DELETE CASCADE,
                        expires_at REAL NOT NULL,
                        used_at TEXT
                    );
                    CREATE TABLE http_session (
                        key TEXT PRIMARY KEY NOT NULL,
                        value BLOB NOT NULL,
                        expires_at REAL
                    );
                    """)
        }
        migrator.registerMigration("v9-judge-groups") { db in
            // The groups (demand refs, titles or ids) a judge sits on; empty means every group of the event.
            try db.execute(
                sql: "ALTER TABLE judge ADD COLUMN groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups))")
        }
        migrator.registerMigration("v10-deal-imports") { db in
            // Deal sheets are recorded as imports too, so their rejected rows are kept for fixing like the others.
            // SQLite cannot change a CHECK in place: the table is rebuilt (foreign keys are checked after the
            // migration, and the references to `import` resolve to the new table).
            try db.execute(
                sql: """
                    CREATE TABLE import_new (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('demands', 'solvers', 'deals')),
                        file TEXT NOT NULL,
                        event_code TEXT REFERENCES event(code),
                        status TEXT NOT NULL CHECK (status IN ('imported', 'strict-rejected')),
                        imported INTEGER NOT NULL CHECK (imported >= 0),
                        updated INTEGER NOT NULL CHECK (updated >= 0),
                        unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
                        skipped INTEGER NOT NULL CHECK (skipped >= 0),
                        rejected INTEGER NOT NULL CHECK (rejected >= 0),
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    INSERT INTO import_new SELECT * FROM import;
                    DROP TABLE import;
                    ALTER TABLE import_new RENAME TO import;
                    """)
        }
        migrator.registerMigration("v11-column-mappings") { db in
            // Organizers' corrections of how a sheet is read, remembered under the sheet's header signature.
            try db.execute(
                sql: """
                    CREATE TABLE column_mapping (
                        kind TEXT NOT NULL CHECK (kind IN ('demands', 'solvers', 'deals', 'judges', 'scores')),
                        signature TEXT NOT NULL CHECK (length(signature) > 0),
                        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
                        saved_by TEXT NOT NULL,
                        saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        PRIMARY KEY (kind, signature)
                    )
                    """)
        }
        migrator.registerMigration("v12-rows-to-fix") { db in
            // The rows-to-fix round trip: a rejected row keeps its sheet's column order (the download to fix is
            // written in it) and says which later import resolved it (a row uploaded with its 来源行).
            try db.execute(
                sql: """
                    ALTER TABLE rejected_row ADD COLUMN column_order TEXT NOT NULL DEFAULT '[]'
                        CHECK (json_valid(column_order));
                    ALTER TABLE rejected_row ADD COLUMN resolved_by INTEGER REFERENCES import(id);
                    """)
        }
        migrator.registerMigration("v13-pitch-removals") { db in
            // A team taken out of a final's group after it was scored: why, and when. Its scores stay in the
            // append-only log; the results list them as void with this reason.
            try db.execute(
                sql: """
                    CREATE TABLE pitch_removal (
                        event_code TEXT NOT NULL REFERENCES event(code),
                        demand_id INTEGER NOT NULL REFERENCES demand(id) ON DELETE CASCADE,
                        solver_id INTEGER NOT NULL REFERENCES solver(id) ON DELETE CASCADE,
                        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                        removed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        PRIMARY KEY (event_code, demand_id, solver_id)
                    );
                    """)
        }
        migrator.registerMigration("v14-rejection-chinese") { db in
            // A rejected row's reason in Chinese, from the message catalogue (NULL for rows kept before it).
            try db.execute(sql: "ALTER TABLE rejected_row ADD COLUMN reason_zh TEXT")
        }
        return migrator
    }
}
