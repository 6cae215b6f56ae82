import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { KbSearchResult, ParkedItem, SyncStatus } from '../../../preload/contract';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { FaultProxy } from '../../helpers/fault-proxy';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backend = testBackend;

async function signedInDesk(url: string, dataDir = tempDir()): Promise<TestCore> {
  const desk = startTestCore(dataDir, { pullIntervalMs: 3_600_000 });
  cleanups.push(() => desk.core.close());
  expect(await desk.call('settings.update', { backend: { url } })).toMatchObject({ ok: true });
  expect(await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' })).toMatchObject({ ok: true, result: { state: 'signed_in', user: { username: 'konsultant' } } });
  return desk;
}

/** What the backend stored, read from its SQLite file. */
function backendRows<T>(dbFile: string, sql: string): T[] {
  return readDatabase(dbFile, (db) => db.prepare(sql).all() as T[]);
}

function localAgentIds(dataDir: string): string[] {
  return readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare('SELECT id FROM agent_state_changes ORDER BY changed_at, id').pluck().all() as string[]);
}

describe('sync with the city backend', () => {
  it('sends queued work, acknowledges it, and pulls the knowledge base into the search index', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(city.url, dataDir);
    for (const state of ['available', 'after_call_work', 'available'] as const) await desk.call('agent.setState', { state });
    const status = await desk.core.syncOnce();
    expect(status).toMatchObject({ state: 'idle', unsentCount: 0, needsReviewCount: 0, lastError: null });
    expect(status.pull.applied).toBeGreaterThan(60);
    const stored = backendRows<{ id: string; state: string }>(city.dbFile, 'SELECT id, state FROM agent_states ORDER BY client_changed_at, id');
    expect(stored.map((row) => row.id)).toEqual(localAgentIds(dataDir));
    const found = await desk.call('kb.search', { query: 'zgubilem dowod' });
    expect(found.ok && KbSearchResult.parse(found.result).hits.length).toBeGreaterThan(0);
    expect(await desk.call('kb.facets')).toMatchObject({ ok: true, result: { articles: expect.any(Number) } });
  });

  it('keeps work while the backend is down and delivers all of it, once and in order, when it returns', async () => {
    const first = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(first.url, dataDir);
    await desk.call('agent.setState', { state: 'available' });
    await desk.core.syncOnce();
    await first.stop();
    for (let i = 0; i < 5; i += 1) await desk.call('agent.setState', { state: i % 2 ? 'available' : 'not_available', reason: i % 2 ? null : 'break' });
    const offline = await desk.core.syncOnce();
    expect(offline).toMatchObject({ state: 'offline', unsentCount: 5 });
    expect(offline.nextAttemptAt).toBeGreaterThan(Date.now());
    await backend(first.dbFile, first.port); // back on the same address and database
    const back = await desk.call('sync.sendNow');
    expect(back.ok).toBe(true);
    const settled = await desk.core.syncOnce();
    expect(settled).toMatchObject({ unsentCount: 0, state: 'idle' });
    const stored = backendRows<{ id: string }>(first.dbFile, 'SELECT id FROM agent_states ORDER BY client_changed_at, id').map((row) => row.id);
    expect(stored).toEqual(localAgentIds(dataDir));
    expect(new Set(stored).size).toBe(6);
  });

  it('never duplicates when the reply is lost after the backend committed', async () => {
    const city = await backend();
    const proxy = new FaultProxy({ host: '127.0.0.1', port: city.port });
    const proxyUrl = await proxy.start();
    cleanups.push(() => proxy.stop());
    const dataDir = tempDir();
    const desk = await signedInDesk(proxyUrl, dataDir);
    await desk.core.syncOnce(); // the first pull, through the proxy
    await desk.call('agent.setState', { state: 'available' });
    proxy.fault = { mode: 'cut-reply', times: 1 };
    const cut = await desk.core.syncOnce();
    expect(proxy.cuts).toBe(1);
    expect(cut.unsentCount).toBe(1);
    expect(cut.state === 'offline' || cut.state === 'waiting').toBe(true);
    expect(backendRows(city.dbFile, 'SELECT id FROM agent_states')).toHaveLength(1); // committed before the cut
    proxy.fault = { mode: 'pass' };
    desk.call('sync.sendNow');
    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 0 });
    expect(backendRows(city.dbFile, 'SELECT id FROM agent_states')).toHaveLength(1);
    expect(backendRows<{ n: number }>(city.dbFile, "SELECT count(*) AS n FROM mutations WHERE entity = 'agent_state'")[0]?.n).toBe(1);
  });

  it('parks what the backend refuses for good, keeps the rest flowing, and lets a person fix or discard it', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(city.url, dataDir);
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    const insert = db.prepare(`INSERT INTO outbox (mutation_id, entity, entity_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
    insert.run('0190a6f0-0000-7000-8000-000000000001', 'unicorn', '0190a6f0-0000-7000-8000-0000000000aa', 'create', '{}', Date.now());
    insert.run('0190a6f0-0000-7000-8000-000000000002', 'agent_state', '0190a6f0-0000-7000-8000-0000000000bb', 'create', '{"state":"dancing","reason":null,"changedAt":1}', Date.now());
    db.close();
    await desk.call('agent.setState', { state: 'available' });
    const status = SyncStatus.parse((await desk.call('sync.sendNow')).ok && (await desk.core.syncOnce()));
    expect(status).toMatchObject({ unsentCount: 2, needsReviewCount: 2 });
    expect(backendRows(city.dbFile, 'SELECT id FROM agent_states')).toHaveLength(1); // the good one went through
    const parkedReply = await desk.call('outbox.parked');
    const parked = parkedReply.ok ? ParkedItem.array().parse(parkedReply.result) : [];
    expect(parked.map((item) => item.reason.split(':')[0])).toEqual(['unknown_entity', 'invalid_payload']);

    const fixed = JSON.stringify({ state: 'available', reason: null, changedAt: Date.now() });
    expect(await desk.call('outbox.resend', { mutationId: parked[1]!.mutationId, payload: '[1,2]' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await desk.call('outbox.resend', { mutationId: parked[1]!.mutationId, payload: fixed })).toMatchObject({ ok: true });
    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 1, needsReviewCount: 1 });
    expect(backendRows(city.dbFile, 'SELECT id FROM agent_states')).toHaveLength(2);

    const unconfirmed = { mutationId: parked[0]!.mutationId } as unknown as { mutationId: string; confirm: true };
    expect(await desk.call('outbox.discard', unconfirmed)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await desk.call('outbox.discard', { mutationId: parked[0]!.mutationId, confirm: true })).toMatchObject({ ok: true, result: { unsentCount: 0 } });
    const audit = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    const actions = audit.prepare('SELECT action, actor FROM audit_log ORDER BY id').all();
    audit.close();
    expect(actions).toEqual([
      { action: 'outbox.resend', actor: expect.stringContaining('konsultant') },
      { action: 'outbox.discard', actor: expect.stringContaining('konsultant') },
    ]);
  });

  it('sends work saved offline only in the session of the consultant who saved it', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(city.url, dataDir);
    await desk.core.syncOnce();
    await city.stop();
    await desk.call('agent.setState', { state: 'available' }); // Anna, offline
    await backend(city.dbFile, city.port);
    await desk.call('auth.logout');
    expect(await desk.call('auth.login', { username: 'kierownik', password: 'kierownik' })).toMatchObject({ ok: true });
    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 1 }); // not sent as Piotr
    expect(backendRows(city.dbFile, 'SELECT id FROM agent_states')).toHaveLength(0);
    await desk.call('auth.logout');
    await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' });
    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 0 });
    const [stored] = backendRows<{ username: string }>(city.dbFile, 'SELECT u.username FROM agent_states a JOIN users u ON u.id = a.user_id');
    expect(stored).toEqual({ username: 'konsultant' });
  });

  it('refuses a wrong password and an unknown user alike, then limits repeated attempts', async () => {
    const city = await backend();
    const desk = startTestCore(tempDir());
    cleanups.push(() => desk.core.close());
    expect(await desk.call('auth.login', { username: 'konsultant', password: 'x' })).toMatchObject({ ok: false, error: { code: 'backend_not_configured' } });
    await desk.call('settings.update', { backend: { url: city.url } });
    const wrong = await desk.call('auth.login', { username: 'konsultant', password: 'wrong' });
    const unknown = await desk.call('auth.login', { username: 'nobody', password: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    let last;
    for (let i = 0; i < 6; i += 1) last = await desk.call('auth.login', { username: 'konsultant', password: 'wrong' });
    expect(last).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await desk.call('auth.status')).toMatchObject({ ok: true, result: { state: 'signed_out' } });
  });

  it('keeps the session offline and asks for sign-in again when the backend revokes it', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(city.url, dataDir);
    await city.stop();
    expect(await desk.call('auth.status')).toMatchObject({ ok: true, result: { state: 'signed_in' } });
    desk.core.close();
    const again = startTestCore(dataDir);
    cleanups.push(() => again.core.close());
    expect(await again.call('auth.status')).toMatchObject({ ok: true, result: { state: 'signed_in', user: { username: 'konsultant' } } });
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    db.prepare(`UPDATE session SET token = 'revoked'`).run();
    db.close();
    await backend(city.dbFile, city.port);
    await again.call('agent.setState', { state: 'available' });
    const status = await again.core.syncOnce();
    expect(status).toMatchObject({ state: 'signed_out', unsentCount: 1, lastError: 'session_expired' });
    expect(await again.call('auth.status')).toMatchObject({ ok: true, result: { state: 'signed_out' } });
  });
});
