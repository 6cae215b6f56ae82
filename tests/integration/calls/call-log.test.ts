import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { startTestCore, type TestCore } from '../../helpers/core';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';

const started: TestCore[] = [];
afterEach(() => {
  for (const test of started.splice(0)) test.core.close();
});

const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

describe('the call log', () => {
  it('stores a call\'s life, sends it once when it ends, and later changes as updates behind it', async () => {
    const dataDir = tempDir();
    const desk = startTestCore(dataDir);
    started.push(desk);
    const id = '0190aaaa-0000-7000-8000-00000000000a';
    const first = await desk.call('calls.started', { id, direction: 'inbound', remoteNumber: '"Ktoś" <sip:0048126161234@pbx;user=phone>', remoteName: '\u202eKtoś', queue: 'ogólna', startedAt: T0 });
    expect(first).toMatchObject({ ok: true, result: { remoteE164: '+48126161234', remoteName: 'Ktoś', outcome: null, endedAt: null } });
    // A repeated report (after a reconnect) changes nothing.
    expect(await desk.call('calls.started', { id, direction: 'outbound', remoteNumber: 'x', startedAt: T0 + 5 })).toMatchObject({ ok: true, result: { direction: 'inbound', startedAt: T0 } });
    await desk.call('calls.update', { id, notes: 'w trakcie' });
    await desk.call('calls.answered', { id, answeredAt: T0 + 4000 });
    const ended = await desk.call('calls.ended', { id, endedAt: T0 + 64_000, outcome: 'transferred', transferredTo: 'sip:wydzial@pbx' });
    expect(ended).toMatchObject({ ok: true, result: { durationMs: 60_000, outcome: 'transferred', transferredTo: 'sip:wydzial@pbx', notes: 'w trakcie' } });
    await desk.call('calls.ended', { id, endedAt: T0 + 99_000, outcome: 'answered' });
    await desk.call('calls.update', { id, wrapUpCode: 'przekazanie', ticketIds: ['0190aaaa-0000-7000-8000-0000000000ff'] });
    const rows = readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare('SELECT mutation_id, kind, payload, depends_on FROM outbox ORDER BY seq').all() as { mutation_id: string; kind: string; payload: string; depends_on: string | null }[]);
    expect(rows.map((row) => row.kind)).toEqual(['create', 'update']);
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ outcome: 'transferred', notes: 'w trakcie', duration_ms: 60_000, remote_e164: '+48126161234', queue: 'ogólna' });
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ wrap_up_code: 'przekazanie', ticket_ids: ['0190aaaa-0000-7000-8000-0000000000ff'] });
    expect(rows[1]!.depends_on).toBe(rows[0]!.mutation_id);
    const changes = desk.events.filter((event) => event.name === 'calls.changed');
    expect(changes.length).toBeGreaterThanOrEqual(5);
    expect(await desk.call('calls.recent', { limit: 5 })).toMatchObject({ ok: true, result: [{ id, wrapUpCode: 'przekazanie', ticketIds: ['0190aaaa-0000-7000-8000-0000000000ff'] }] });
    expect(await desk.call('calls.answered', { id: 'nope', answeredAt: T0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
