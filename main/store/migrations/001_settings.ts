import type { Migration } from './types';

// Settings: one row per section (backend, sip, ui, audio), the value a JSON document validated by
// the contract's schema whenever it is read or written.
export const migration001Settings: Migration = {
  version: 1,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        section    TEXT    NOT NULL PRIMARY KEY,
        value      TEXT    NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
