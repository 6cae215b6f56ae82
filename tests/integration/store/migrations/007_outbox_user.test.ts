import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxQueue } from '../../../../main/sync/outbox-queue';
import { AuditLog } from '../../../../main/audit/audit-log';
import { Outbox } from '../../../../main/store/outbox';
import { databaseAt, queryPlan, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 007: who queued each outbox row', () => {
  it('keeps rows queued before it (as nobody\'s) and records the user from then on', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v6 = databaseAt(path, 6);
    v6.prepare(`INSERT INTO outbox (mutation_id, entity, entity_id, kind, payload, created_at) VALUES ('m-a', 'agent_state', 'a', 'create', '{}', 1)`).run();
    v6.close();
    const db = databaseAt(path, 7);
    expect(tableColumns(db, 'outbox')).toContain('user_id');
    expect(db.prepare('SELECT user_id FROM outbox').pluck().get()).toBeNull();
    new Outbox(db).add({ entity: 'agent_state', entityId: 'b', kind: 'create', payload: {}, userId: 'anna' }, 2);
    new Outbox(db).add({ entity: 'agent_state', entityId: 'c', kind: 'create', payload: {}, userId: 'piotr' }, 3);
    const queue = new OutboxQueue(db, new AuditLog(db));
    expect(queue.nextBatch(10, 'anna').map((row) => row.entity_id)).toEqual(['a', 'b']);
    expect(queue.nextBatch(10, 'piotr').map((row) => row.entity_id)).toEqual(['a', 'c']);
    expect(queue.nextBatch(10, null).map((row) => row.entity_id)).toEqual(['a']);
    db.close();
  });

  it('finds the sender\'s rows through an index', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 7);
    const plan = queryPlan(db, `SELECT seq FROM outbox o WHERE o.state = 'pending' AND (o.user_id IS NULL OR o.user_id = ?) ORDER BY o.seq LIMIT 10`, 'anna').join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX outbox_by_state/);
    db.close();
  });
});
