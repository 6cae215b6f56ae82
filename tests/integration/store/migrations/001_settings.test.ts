import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, isStrict, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 001: settings', () => {
  it('creates a STRICT settings table keyed by section', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableColumns(db, 'settings')).toEqual(['section', 'value', 'updated_at']);
    expect(isStrict(db, 'settings')).toBe(true);
    db.close();
  });

  it('refuses a value that is not JSON and a value of the wrong type', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 1);
    expect(() => db.prepare(`INSERT INTO settings VALUES ('ui', 'not json', 1)`).run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`INSERT INTO settings VALUES ('ui', '{}', 'yesterday')`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare(`INSERT INTO settings VALUES ('ui', '{"language":"pl"}', 1)`).run();
    expect(() => db.prepare(`INSERT INTO settings VALUES ('ui', '{}', 2)`).run()).toThrow(/UNIQUE/);
    db.close();
  });
});
