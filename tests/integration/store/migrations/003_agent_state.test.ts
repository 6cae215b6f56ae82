import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStateRepository } from '../../../../main/status/agent-state-repository';
import { Outbox } from '../../../../main/store/outbox';
import { databaseAt, isStrict, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 003: agent state changes', () => {
  it('adds a STRICT table that keeps a reason only for "not available"', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 3);
    expect(isStrict(db, 'agent_state_changes')).toBe(true);
    const insert = db.prepare('INSERT INTO agent_state_changes VALUES (?, ?, ?, ?)');
    expect(() => insert.run('a', 'not_available', null, 1)).toThrow(/CHECK constraint/);
    expect(() => insert.run('b', 'available', 'break', 1)).toThrow(/CHECK constraint/);
    expect(() => insert.run('c', 'dancing', null, 1)).toThrow(/CHECK constraint/);
    insert.run('d', 'not_available', 'break', 1);
    db.close();
  });

  it('writes each change and its outbox entry together, and reads the newest from the index', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const outbox = new Outbox(db);
    const agent = new AgentStateRepository(db, outbox);
    expect(agent.current()).toEqual({ state: 'logged_out', reason: null, since: 0 });
    agent.change('available', null, 1000);
    agent.change('not_available', 'training', 2000);
    expect(agent.current()).toEqual({ state: 'not_available', reason: 'training', since: 2000 });
    const rows = db.prepare(`SELECT entity, kind, json_extract(payload, '$.state') AS state FROM outbox ORDER BY seq`).all();
    expect(rows).toEqual([
      { entity: 'agent_state', kind: 'create', state: 'available' },
      { entity: 'agent_state', kind: 'create', state: 'not_available' },
    ]);
    const plan = queryPlan(db, 'SELECT state, reason, changed_at AS since FROM agent_state_changes ORDER BY changed_at DESC LIMIT 1');
    expect(plan.join('\n')).toMatch(/USING INDEX agent_state_changes_by_time/);
    db.close();
  });

  it('keeps a change local only when the backend cannot take agent states', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const agent = new AgentStateRepository(db, new Outbox(db));
    agent.change('available', null, 1000, false);
    expect(agent.current()).toMatchObject({ state: 'available' });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    db.close();
  });

  it('rolls the change back when its outbox entry cannot be written', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const agent = new AgentStateRepository(db, new Outbox(db));
    db.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    expect(() => agent.change('available', null, 1000)).toThrow(/disk trouble/);
    expect(db.prepare('SELECT count(*) FROM agent_state_changes').pluck().get()).toBe(0);
    db.close();
  });
});
