import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../../main/store/outbox';
import { databaseAt, isStrict, queryPlan, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 002: outbox', () => {
  it('keeps settings from version 1 and adds a STRICT outbox', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v1 = databaseAt(path, 1);
    v1.prepare(`INSERT INTO settings VALUES ('ui', '{"language":"en","theme":"dark"}', 1)`).run();
    v1.close();
    const db = databaseAt(path, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare(`SELECT value FROM settings WHERE section = 'ui'`).pluck().get()).toBe('{"language":"en","theme":"dark"}');
    expect(isStrict(db, 'outbox')).toBe(true);
    expect(tableColumns(db, 'outbox')).toContain('mutation_id');
    db.close();
  });

  it('refuses an unknown state and a repeated mutation id', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 2);
    const insert = db.prepare(
      `INSERT INTO outbox (mutation_id, entity, entity_id, kind, payload, state, created_at) VALUES (?, 'ticket', 't1', 'create', '{}', ?, 1)`,
    );
    expect(() => insert.run('m1', 'sent')).toThrow(/CHECK constraint/);
    insert.run('m1', 'pending');
    expect(() => insert.run('m1', 'pending')).toThrow(/UNIQUE/);
    db.close();
  });

  it('counts unsent rows from the state index, never by scanning the table', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const outbox = new Outbox(db);
    outbox.add({ entity: 'ticket', entityId: 't1', kind: 'create', payload: { a: 1 } }, 1000);
    outbox.add({ entity: 'ticket', entityId: 't1', kind: 'update', payload: { a: 2 } }, 1001);
    expect(outbox.unsentCount()).toBe(2);
    const plan = queryPlan(db, `SELECT count(*) FROM outbox WHERE state IN ('pending', 'needs_review')`);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX outbox_by_state/);
    expect(plan.join('\n')).not.toMatch(/SCAN outbox\b(?! USING)/);
    const next = queryPlan(db, `SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 50`);
    expect(next.join('\n')).toMatch(/USING INDEX outbox_by_state/);
    expect(next.join('\n')).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
