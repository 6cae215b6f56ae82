import type { Migration } from './types';

// Tickets (zgłoszenia) made at this desk, the drafts typed into the form (saved as typed, so a crash
// never loses one), other reports linked to a ticket instead of a new one, attachments, the
// inform-the-resident tasks, and the street dictionary (TERYT ULIC) with its districts.
export const migration009Tickets: Migration = {
  version: 9,
  name: 'tickets',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id              TEXT    PRIMARY KEY,
        number          TEXT    NOT NULL,
        kind            TEXT    NOT NULL CHECK (kind IN ('information', 'fault', 'complaint', 'idea', 'visit')),
        channel         TEXT    NOT NULL,
        title           TEXT    NOT NULL,
        service_code    TEXT,
        description     TEXT    NOT NULL,
        answer          TEXT    NOT NULL DEFAULT '',
        kb_article_id   TEXT,
        street_id       TEXT,
        street_name     TEXT,
        building        TEXT    NOT NULL DEFAULT '',
        district        TEXT    NOT NULL DEFAULT '',
        where_exactly   TEXT    NOT NULL DEFAULT '',
        lat             REAL,
        lon             REAL,
        attributes      TEXT    NOT NULL DEFAULT '{}',
        caller_name     TEXT    NOT NULL DEFAULT '',
        caller_phone    TEXT    NOT NULL DEFAULT '',
        contact_id      TEXT,
        call_id         TEXT,
        chat_id         TEXT,
        unit_id         TEXT,
        status          TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'forwarded', 'in_progress', 'resolved', 'rejected', 'duplicate')),
        status_note     TEXT,
        deadline_at     INTEGER,
        created_by      TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        escalated_at    INTEGER,
        escalation_note TEXT,
        -- Inform-the-resident task: NULL none, 'todo' after resolution, 'done' when told.
        feedback        TEXT    CHECK (feedback IN ('todo', 'done')),
        feedback_channel TEXT,
        feedback_at     INTEGER,
        -- Visit booking (kind 'visit'): office, service, slot and the backend's booking id, as JSON.
        visit           TEXT
      ) STRICT;
      -- Lists: mine (newest first), overdue (open ones by deadline), duplicates (service, street, recent).
      CREATE INDEX tickets_by_author ON tickets (created_by, created_at);
      CREATE INDEX tickets_by_created ON tickets (created_at);
      CREATE INDEX tickets_open_by_deadline ON tickets (deadline_at) WHERE status IN ('new', 'forwarded', 'in_progress');
      CREATE INDEX tickets_by_service_street ON tickets (service_code, street_id, created_at);
      CREATE INDEX tickets_by_call ON tickets (call_id) WHERE call_id IS NOT NULL;
      CREATE INDEX tickets_by_contact ON tickets (contact_id) WHERE contact_id IS NOT NULL;

      CREATE TABLE ticket_links (
        id           TEXT    PRIMARY KEY,
        ticket_id    TEXT    NOT NULL REFERENCES tickets (id),
        caller_name  TEXT    NOT NULL,
        caller_phone TEXT    NOT NULL,
        contact_id   TEXT,
        call_id      TEXT,
        note         TEXT    NOT NULL,
        created_by   TEXT,
        created_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ticket_links_by_ticket ON ticket_links (ticket_id);

      CREATE TABLE ticket_drafts (
        id         TEXT    PRIMARY KEY,
        user_id    TEXT,
        data       TEXT    NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ticket_drafts_by_user ON ticket_drafts (user_id, updated_at);

      CREATE TABLE ticket_attachments (
        id         TEXT    PRIMARY KEY,
        ticket_id  TEXT    NOT NULL,
        name       TEXT    NOT NULL,
        mime       TEXT    NOT NULL,
        size       INTEGER NOT NULL,
        data       BLOB    NOT NULL,
        created_at INTEGER NOT NULL,
        -- Sent to the backend (after the ticket itself was accepted); NULL while waiting.
        uploaded_at INTEGER
      ) STRICT;
      CREATE INDEX ticket_attachments_by_ticket ON ticket_attachments (ticket_id);
      CREATE INDEX ticket_attachments_to_upload ON ticket_attachments (created_at) WHERE uploaded_at IS NULL;

      -- TERYT ULIC: SYM_UL within a locality (SYM); name as the register writes it (CECHA + NAZWA_2 + NAZWA_1).
      CREATE TABLE streets (
        id        TEXT    PRIMARY KEY,
        simc      TEXT    NOT NULL,
        sym_ul    TEXT    NOT NULL,
        name      TEXT    NOT NULL,
        -- Lower case, no diacritics, no prefix: what autocomplete matches by prefix.
        fold      TEXT    NOT NULL,
        districts TEXT    NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX streets_by_fold ON streets (fold);

      -- Ticket statuses pulled since the desk last looked: read by time, not by scanning them all.
      CREATE INDEX replica_records_by_pulled ON replica_records (entity, pulled_at);
    `);
  },
};
