import type { Migration } from './types';

// Sync with the city backend: the desk's identity and cursors (desk_meta), the cached sign-in
// (session; one row), server data the desk only reads (replica_records: wipeable, pulled again),
// and the audit log of what people did to queued work.
export const migration005Sync: Migration = {
  version: 5,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE desk_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;

      CREATE TABLE session (
        id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        backend_url TEXT    NOT NULL,
        token       TEXT    NOT NULL,
        user        TEXT    NOT NULL CHECK (json_valid(user)),
        expires_at  TEXT    NOT NULL,
        signed_in_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE replica_records (
        entity     TEXT NOT NULL,
        id         TEXT NOT NULL,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        pulled_at  INTEGER NOT NULL,
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT    NOT NULL,
        action  TEXT    NOT NULL,
        details TEXT    NOT NULL CHECK (json_valid(details))
      ) STRICT;
      CREATE INDEX audit_log_by_time ON audit_log (at);

      -- The sender's hot query: pending rows in order, skipping those held behind a parked one.
      CREATE INDEX outbox_by_mutation_parent ON outbox (depends_on) WHERE depends_on IS NOT NULL;
    `);
  },
};
