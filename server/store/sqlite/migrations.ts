/**
 * Schema migrations, applied in order at start. Never edit a released migration: add a new one.
 * PRAGMA user_version records how far a database file has come.
 */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE staff_users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
        created_at TEXT NOT NULL
      );
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        instrument_id TEXT NOT NULL,
        instrument_version TEXT NOT NULL,
        groups_json TEXT NOT NULL,
        settings_json TEXT NOT NULL DEFAULT '{}',
        archived_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE project_roles (
        user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('lead', 'evaluator', 'data-entry')),
        PRIMARY KEY (user_id, project_id)
      );
      CREATE TABLE instrument_snapshots (
        instrument_id TEXT NOT NULL,
        version TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        json TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (instrument_id, version)
      );
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        code TEXT NOT NULL,
        group_id TEXT NOT NULL,
        language TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('web', 'paper')),
        token TEXT NOT NULL UNIQUE,
        access_code TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
        created_at TEXT NOT NULL,
        UNIQUE (project_id, code)
      );
      CREATE TABLE participant_contacts (
        participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
        email TEXT
      );
      CREATE TABLE waves (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        label TEXT NOT NULL,
        opens_on TEXT NOT NULL,
        closes_on TEXT NOT NULL,
        instrument_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (project_id, label),
        CHECK (closes_on >= opens_on)
      );
      CREATE INDEX waves_by_project ON waves(project_id, opens_on);
      CREATE TABLE responses (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        wave_id TEXT NOT NULL REFERENCES waves(id),
        group_id TEXT NOT NULL,
        answers_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
        source TEXT NOT NULL CHECK (source IN ('web', 'paper', 'import')),
        started_at TEXT NOT NULL,
        submitted_at TEXT,
        updated_at TEXT NOT NULL,
        entered_by TEXT,
        UNIQUE (participant_id, wave_id)
      );
      CREATE INDEX responses_by_wave ON responses(wave_id, participant_id);
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        project_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        details_json TEXT NOT NULL
      );
      CREATE INDEX audit_by_project ON audit_events(project_id, seq);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE sessions (
        sid TEXT PRIMARY KEY,
        sess TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_expiry ON sessions(expires_at);
      CREATE TABLE sends (
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        wave_id TEXT NOT NULL REFERENCES waves(id),
        kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
        at TEXT NOT NULL,
        PRIMARY KEY (participant_id, wave_id, kind)
      );
      CREATE INDEX sends_by_wave ON sends(wave_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    // Response rates need when a person joined and left, not when their row was written.
    // Existing rows: enrolled on the day they were added; withdrawn on the day of their first
    // withdrawal in the audit log, or an unknown day (NULL) when the log has none.
    version: 3,
    sql: `
      -- SQLite adds a NOT NULL column only with a default; the UPDATE below replaces it on every row.
      ALTER TABLE participants ADD COLUMN enrolled_on TEXT NOT NULL DEFAULT '';
      ALTER TABLE participants ADD COLUMN withdrawn_on TEXT;
      UPDATE participants SET enrolled_on = substr(created_at, 1, 10);
      UPDATE participants SET withdrawn_on = (
        SELECT substr(a.at, 1, 10) FROM audit_events a
        WHERE a.action = 'participant.withdraw' AND a.target = participants.id
        ORDER BY a.seq ASC LIMIT 1
      ) WHERE status = 'withdrawn';
    `,
  },
  {
    // Staff corrections of submitted responses: the response keeps its current answers and when
    // it was last corrected; every earlier value is kept here, one row per changed answer.
    version: 4,
    sql: `
      ALTER TABLE responses ADD COLUMN revised_at TEXT;
      CREATE TABLE response_revisions (
        seq INTEGER PRIMARY KEY,
        response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL,
        wave_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        from_json TEXT,
        to_json TEXT,
        revised_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX response_revisions_by_response ON response_revisions(participant_id, wave_id, seq);
    `,
  },
  {
    // Double data entry: each paper form's two keyings, their comparison and how differences
    // were settled. Kept apart from responses, which hold only what was finally stored.
    version: 5,
    sql: `
      CREATE TABLE paper_keyings (
        project_id TEXT NOT NULL REFERENCES projects(id),
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        wave_id TEXT NOT NULL REFERENCES waves(id),
        group_id TEXT NOT NULL,
        first_json TEXT NOT NULL,
        first_by TEXT NOT NULL,
        first_at TEXT NOT NULL,
        second_json TEXT,
        second_by TEXT,
        second_at TEXT,
        compared INTEGER NOT NULL DEFAULT 0,
        agreed INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('keyed-once', 'awaiting-reconciliation', 'done')),
        reconciled_by TEXT,
        reconciled_at TEXT,
        decisions_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (participant_id, wave_id)
      );
      CREATE INDEX paper_keyings_by_project ON paper_keyings(project_id, wave_id);
    `,
  },
  {
    // Accounts an administrator can disable (ADR 0066), and one row the health check rewrites to
    // learn whether the file still takes writes (ADR 0068).
    version: 6,
    sql: `
      ALTER TABLE staff_users ADD COLUMN disabled_at TEXT;
      CREATE TABLE health_probe (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL
      );
    `,
  },
  {
    // Send claims get a state and a lease (ADR 0075): a claim whose sender died is retried once
    // its lease runs out. Rows from before were claims kept after a send that did not throw, so
    // they count as sent: whether one was lost to a crash cannot be told, and sending it again
    // could be the second copy.
    version: 7,
    sql: `
      ALTER TABLE sends ADD COLUMN state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('claimed', 'sent'));
      ALTER TABLE sends ADD COLUMN lease_until TEXT NOT NULL DEFAULT '';
      ALTER TABLE sends ADD COLUMN sent_at TEXT;
      UPDATE sends SET lease_until = at, sent_at = at;
    `,
  },
  {
    // Rate-limit counters in the database file (ADR 0076), so all processes on it and every
    // restart count the same hits. reset_at is ms since the epoch; ended windows are deleted.
    version: 8,
    sql: `
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        reset_at INTEGER NOT NULL
      );
      CREATE INDEX rate_limits_by_reset ON rate_limits(reset_at);
    `,
  },
  {
    // An import looks its codes up regardless of case, a slice at a time, instead of reading
    // every participant of the project (ADR 0070); without this index each slice scanned them all.
    version: 9,
    sql: `
      CREATE INDEX participants_by_code_nocase ON participants(project_id, code COLLATE NOCASE);
    `,
  },
  {
    // The language an account chose for staff pages (ADR 0083); NULL follows the browser's.
    version: 10,
    sql: `
      ALTER TABLE staff_users ADD COLUMN language TEXT CHECK (language IN ('en', 'it'));
    `,
  },
  {
    // Issue 17: the sections a participant saved, blank ones too, so they resume after them; the
    // consent texts' version each consent agreed to; and the projects' consent texts, one row
    // per saved version (ADR 0094).
    version: 11,
    sql: `
      ALTER TABLE responses ADD COLUMN saved_sections_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE responses ADD COLUMN consent_version INTEGER;
      CREATE TABLE consent_texts (
        project_id TEXT NOT NULL REFERENCES projects(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        texts_json TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (project_id, version)
      );
    `,
  },
  {
    // Actions agreed against cells of the analysis (issue 19). Version 12: 10 and 11 are
    // reserved for branches written at the same time. Whole-row updates, no history table:
    // every change is in the audit log with the values it set.
    version: 12,
    sql: `
      CREATE TABLE cell_actions (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        wave_id TEXT NOT NULL REFERENCES waves(id),
        group_id TEXT NOT NULL,
        dimension TEXT NOT NULL,
        what TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_on TEXT NOT NULL,
        meeting_on TEXT NOT NULL,
        meeting TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
        status_note TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cell_actions_by_project ON cell_actions(project_id, created_at, id);
    `,
  },
  {
    // "You said, we did" (ADR 0107): one summary per wave, its draft and what is published, each
    // a JSON object of texts per language. publications counts every publication, withdrawn
    // ones too, so a version number is never given twice.
    version: 13,
    sql: `
      CREATE TABLE wave_summaries (
        wave_id TEXT PRIMARY KEY REFERENCES waves(id),
        project_id TEXT NOT NULL REFERENCES projects(id),
        draft_json TEXT NOT NULL,
        draft_at TEXT NOT NULL,
        draft_by TEXT NOT NULL,
        published_json TEXT,
        published_version INTEGER,
        published_at TEXT,
        published_by TEXT,
        publications INTEGER NOT NULL DEFAULT 0 CHECK (publications >= 0)
      );
      CREATE INDEX wave_summaries_by_project ON wave_summaries(project_id);
    `,
  },
  {
    // Each project's time zone (ADR 0090). Existing projects get none: they follow
    // DEFAULT_TIME_ZONE, so one setting moves every older project to local midnight.
    version: 14,
    sql: `
      ALTER TABLE projects ADD COLUMN time_zone TEXT;
    `,
  },
  {
    // A participant's name and postal address, for letters only (ADR 0115): with the email, in
    // the table kept apart from answers and exports, so erasure already takes them.
    version: 15,
    sql: `
      ALTER TABLE participant_contacts ADD COLUMN name TEXT;
      ALTER TABLE participant_contacts ADD COLUMN address TEXT;
    `,
  },
];
