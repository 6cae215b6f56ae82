import type { Migration } from './types';

// The call log and the caller card's contacts (issues 4 and 5).
// Hot queries: "who is on +48…" (contact_phones primary key, index only) and "this caller's history
// newest first" (call_log_by_e164 / call_log_by_contact: a seek, then rows in index order, no sort).
// origin says whether a row was made here ('local') or pulled from the backend ('pulled').
export const migration008CallsContacts: Migration = {
  version: 8,
  name: 'calls_contacts',
  up(db) {
    db.exec(`
      CREATE TABLE call_log (
        id             TEXT    NOT NULL PRIMARY KEY,
        direction      TEXT    NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number  TEXT    NOT NULL,
        remote_e164    TEXT,
        remote_name    TEXT,
        queue          TEXT,
        started_at     INTEGER NOT NULL,
        answered_at    INTEGER,
        ended_at       INTEGER,
        duration_ms    INTEGER,
        outcome        TEXT,
        transferred_to TEXT,
        wrap_up_code   TEXT,
        notes          TEXT    NOT NULL DEFAULT '',
        contact_id     TEXT,
        origin         TEXT    NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'pulled'))
      ) STRICT;
      CREATE INDEX call_log_by_started ON call_log (started_at DESC);
      CREATE INDEX call_log_by_e164 ON call_log (remote_e164, started_at DESC) WHERE remote_e164 IS NOT NULL;
      CREATE INDEX call_log_by_contact ON call_log (contact_id, started_at DESC) WHERE contact_id IS NOT NULL;

      -- Tickets linked to a call (and so to its caller); searched by ticket number too.
      CREATE TABLE call_tickets (
        call_id   TEXT NOT NULL REFERENCES call_log (id) ON DELETE CASCADE,
        ticket_id TEXT NOT NULL,
        PRIMARY KEY (call_id, ticket_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_tickets_by_ticket ON call_tickets (ticket_id, call_id);

      CREATE TABLE contacts (
        id                TEXT    NOT NULL PRIMARY KEY,
        name              TEXT,
        preferred_channel TEXT,
        language          TEXT,
        consent_basis     TEXT,
        consent_at        INTEGER,
        consent_by        TEXT,
        merged_into       TEXT,
        purged_at         INTEGER,
        last_seen_at      INTEGER NOT NULL,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL,
        origin            TEXT    NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'pulled'))
      ) STRICT;
      CREATE INDEX contacts_by_last_seen ON contacts (last_seen_at) WHERE purged_at IS NULL;
      -- The card shows what was merged into a contact: asked on every opening.
      CREATE INDEX contacts_by_merged_into ON contacts (merged_into) WHERE merged_into IS NOT NULL;

      -- Several contacts on one number (a family landline, an institution).
      CREATE TABLE contact_phones (
        e164       TEXT NOT NULL,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        label      TEXT,
        PRIMARY KEY (e164, contact_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_phones_by_contact ON contact_phones (contact_id);

      CREATE TABLE contact_addresses (
        contact_id TEXT    NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        text       TEXT    NOT NULL,
        PRIMARY KEY (contact_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contact_flags (
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        flag       TEXT NOT NULL,
        PRIMARY KEY (contact_id, flag)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contact_notes (
        id         TEXT    NOT NULL PRIMARY KEY,
        contact_id TEXT    NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        text       TEXT    NOT NULL,
        author     TEXT    NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contact_notes_by_contact ON contact_notes (contact_id, created_at DESC);

      -- Folded words of names and addresses: search by word prefix is a range seek.
      CREATE TABLE contact_terms (
        term       TEXT NOT NULL,
        contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        PRIMARY KEY (term, contact_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_terms_by_contact ON contact_terms (contact_id);

      -- A merge remembers what it moved, so it can be undone.
      CREATE TABLE contact_merges (
        id          TEXT    NOT NULL PRIMARY KEY,
        survivor_id TEXT    NOT NULL,
        merged_id   TEXT    NOT NULL,
        moved       TEXT    NOT NULL CHECK (json_valid(moved)),
        merged_at   INTEGER NOT NULL,
        merged_by   TEXT    NOT NULL,
        undone_at   INTEGER
      ) STRICT;

      CREATE TABLE callbacks (
        id         TEXT    NOT NULL PRIMARY KEY,
        contact_id TEXT,
        e164       TEXT    NOT NULL,
        due_at     INTEGER NOT NULL,
        note       TEXT    NOT NULL DEFAULT '',
        call_id    TEXT,
        state      TEXT    NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'done', 'cancelled')),
        created_at INTEGER NOT NULL,
        created_by TEXT    NOT NULL,
        origin     TEXT    NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'pulled'))
      ) STRICT;
      CREATE INDEX callbacks_by_e164 ON callbacks (e164, due_at DESC);
      CREATE INDEX callbacks_by_contact ON callbacks (contact_id, due_at DESC) WHERE contact_id IS NOT NULL;

      -- What the retention policy left of older calls: counts per contact or number, per month.
      CREATE TABLE call_counts (
        subject TEXT    NOT NULL,
        month   TEXT    NOT NULL,
        calls   INTEGER NOT NULL,
        PRIMARY KEY (subject, month)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE retention_policy (
        id              INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        history_months  INTEGER NOT NULL,
        personal_months INTEGER NOT NULL
      ) STRICT;
      INSERT INTO retention_policy (id, history_months, personal_months) VALUES (1, 24, 36);
    `);
  },
};
