import type { Migration } from './types';

// The outbox: every local write that the city backend must hear about gets a row here in the same
// transaction as the write itself. Rows leave only when the backend acknowledged them; a row that
// can never succeed is parked ('needs_review'), never deleted unseen.
export const migration002Outbox: Migration = {
  version: 2,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id  TEXT    NOT NULL UNIQUE,
        entity       TEXT    NOT NULL,
        entity_id    TEXT    NOT NULL,
        kind         TEXT    NOT NULL,
        payload      TEXT    NOT NULL CHECK (json_valid(payload)),
        depends_on   TEXT,
        state        TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'needs_review')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        last_error   TEXT,
        next_attempt_at INTEGER,
        created_at   INTEGER NOT NULL
      ) STRICT;
      -- The sender takes the oldest pending rows; the status bar counts them.
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE INDEX outbox_by_entity ON outbox (entity, entity_id, seq);
    `);
  },
};
