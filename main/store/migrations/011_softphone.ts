import type { Migration } from './types';

// The softphone's secrets (SIP password, TURN credential), kept apart from `settings` so that they
// never travel with settings.get. `scheme` says how `secret` is held: 'electron-safe-storage'
// (sealed by the shell's safeStorage, base64) or 'plain' (the browser host has no OS keyring).
export const migration011Softphone: Migration = {
  version: 11,
  name: 'softphone',
  up(db) {
    db.exec(`
      CREATE TABLE softphone_secrets (
        kind       TEXT    NOT NULL PRIMARY KEY CHECK (kind IN ('sip_password', 'turn_credential')),
        scheme     TEXT    NOT NULL CHECK (scheme IN ('plain', 'electron-safe-storage')),
        secret     TEXT    NOT NULL CHECK (length(secret) > 0),
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
