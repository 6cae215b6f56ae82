import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoftphoneSecretStore } from '../../../../main/softphone/secret-store';
import { databaseAt, isStrict } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 011: softphone secrets', () => {
  it('adds a STRICT table with one row per secret kind and a known scheme', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 11);
    expect(isStrict(db, 'softphone_secrets')).toBe(true);
    const insert = db.prepare('INSERT INTO softphone_secrets VALUES (?, ?, ?, ?)');
    expect(() => insert.run('ssh_key', 'plain', 'x', 1)).toThrow(/CHECK constraint/);
    expect(() => insert.run('sip_password', 'rot13', 'x', 1)).toThrow(/CHECK constraint/);
    expect(() => insert.run('sip_password', 'plain', '', 1)).toThrow(/CHECK constraint/);
    insert.run('sip_password', 'plain', 'secret', 1);
    expect(() => insert.run('sip_password', 'plain', 'again', 2)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });

  it('stores, replaces and forgets secrets, and reports only whether they are set', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const store = new SoftphoneSecretStore(db);
    expect(store.state()).toEqual({ sipPasswordSet: false, turnCredentialSet: false });
    store.set('sip_password', 'one', 'plain', 1);
    store.set('sip_password', 'c2VhbGVk', 'electron-safe-storage', 2);
    expect(store.get('sip_password')).toEqual({ scheme: 'electron-safe-storage', secret: 'c2VhbGVk' });
    expect(store.state()).toEqual({ sipPasswordSet: true, turnCredentialSet: false });
    store.set('sip_password', '', 'plain', 3);
    expect(store.get('sip_password')).toBeNull();
    // Never in the settings table.
    expect(db.prepare("SELECT count(*) FROM settings WHERE value LIKE '%c2VhbGVk%'").pluck().get()).toBe(0);
    db.close();
  });
});
