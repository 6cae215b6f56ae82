import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, isStrict, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 006: open311', () => {
  it('keeps the replica of version 5 and adds STRICT request-mapping and seen-update tables', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v5 = databaseAt(path, 5);
    v5.prepare(`INSERT INTO replica_records (entity, id, data, pulled_at) VALUES ('service', 's', '{}', 1)`).run();
    v5.close();
    const db = databaseAt(path, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT count(*) FROM replica_records').pluck().get()).toBe(1);
    for (const table of ['open311_requests', 'open311_seen_updates']) expect(isStrict(db, table), table).toBe(true);
    db.close();
  });

  it('refuses a created mapping without an id or token, an unknown status, and a repeated update id', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 6);
    const insert = db.prepare(
      `INSERT INTO open311_requests (endpoint, client_uuid, state, service_request_id, service_code, description, status, attempted_at) VALUES ('e', ?, ?, ?, 'S', 'd', ?, 1)`,
    );
    expect(() => insert.run('c1', 'created', null, 'open')).toThrow(/CHECK/);
    expect(() => insert.run('c1', 'created', 'r1', 'done')).toThrow(/CHECK/);
    insert.run('c1', 'unknown', null, 'open');
    expect(() => insert.run('c1', 'created', 'r1', 'open')).toThrow(/UNIQUE|PRIMARY/);
    const seen = db.prepare(`INSERT INTO open311_seen_updates (endpoint, update_id, seen_at) VALUES ('e', 'u1', 1)`);
    seen.run();
    expect(() => seen.run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('answers the hot lookups from indexes, never by scanning', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 6);
    const byRequest = queryPlan(db, `SELECT * FROM open311_requests WHERE endpoint = ? AND service_request_id = ?`, 'e', 'r1').join('\n');
    expect(byRequest).toMatch(/USING INDEX open311_requests_by_request/);
    const seen = queryPlan(db, `SELECT 1 FROM open311_seen_updates WHERE endpoint = ? AND update_id = ?`, 'e', 'u1').join('\n');
    expect(seen).toMatch(/USING PRIMARY KEY/);
    const open = queryPlan(db, `SELECT * FROM open311_requests WHERE endpoint = ? AND status IN ('open', 'in_progress', 'forwarded') ORDER BY attempted_at`, 'e').join('\n');
    expect(open).toMatch(/USING INDEX open311_requests_by_status/);
    const prune = queryPlan(db, `DELETE FROM open311_seen_updates WHERE endpoint = ? AND seen_at < ?`, 'e', 1).join('\n');
    expect(prune).not.toMatch(/^SCAN open311_seen_updates$/m);
    for (const plan of [byRequest, seen, open]) expect(plan).not.toMatch(/^SCAN /m);
    db.close();
  });
});
