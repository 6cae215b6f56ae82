import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { AgentStateRepository } from '../../../main/status/agent-state-repository';
import { uuidv7 } from '../../../main/store/ids';
import { Outbox } from '../../../main/store/outbox';
import type { SyncStatus } from '../../../preload/contract';
import type { BackendProcess } from '../../helpers/backend-process';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { FaultProxy } from '../../helpers/fault-proxy';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

/*
 * Reliability of the desk's sender against a real backend process: the backend down for a while,
 * a fault-injecting TCP proxy (refused and dropped connections, delays, replies cut after the
 * commit), and the backend killed in the middle of a batch. After each, the backend holds exactly
 * what the desk saved: nothing missing, nothing twice, in order per entity.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backend = testBackend;

async function proxied(city: BackendProcess): Promise<{ proxy: FaultProxy; url: string }> {
  const proxy = new FaultProxy({ host: '127.0.0.1', port: city.port });
  const url = await proxy.start();
  cleanups.push(() => proxy.stop());
  return { proxy, url };
}

/** A desk core in this process, signed in to `url`, its first pull done; no background checks. */
async function signedInDesk(url: string, dataDir = tempDir()): Promise<TestCore> {
  const desk = startTestCore(dataDir, { pullIntervalMs: 3_600_000, backendCheckIntervalMs: 3_600_000 });
  cleanups.push(() => desk.core.close());
  expect(await desk.call('settings.update', { backend: { url } })).toMatchObject({ ok: true });
  expect(await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' })).toMatchObject({ ok: true, result: { state: 'signed_in' } });
  expect(await desk.core.syncOnce()).toMatchObject({ state: 'idle', unsentCount: 0 });
  return desk;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** "Send now" and a round, until the outbox is empty (a background retry may hold the sender for a moment). */
async function drain(desk: TestCore, rounds = 30): Promise<SyncStatus> {
  let status: SyncStatus | undefined;
  for (let i = 0; i < rounds; i += 1) {
    await desk.call('sync.sendNow');
    status = await desk.core.syncOnce();
    if (status.unsentCount === 0 && status.state === 'idle') return status;
    await sleep(200);
  }
  throw new Error(`outbox not drained: ${JSON.stringify(status)}`);
}

/** Queues `count` agent-state changes through the repository (record + outbox row per save), from a second connection. */
function queueAgentStates(dataDir: string, count: number): void {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  try {
    const repository = new AgentStateRepository(db, new Outbox(db));
    const start = Date.now();
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) repository.change(i % 2 ? 'available' : 'not_available', i % 2 ? null : 'break', start + i);
    })();
  } finally {
    db.close();
  }
}

/** Exactly once: every change the desk saved is on the backend once, nothing else; the outbox is empty. */
function expectExactlyOnce(dataDir: string, dbFile: string): { count: number } {
  const local = readDatabase(join(dataDir, DATABASE_FILE), (db) => ({
    ids: db.prepare('SELECT id FROM agent_state_changes ORDER BY id').pluck().all() as string[],
    outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
  }));
  const stored = readDatabase(dbFile, (db) => ({
    ids: db.prepare('SELECT id FROM agent_states ORDER BY id').pluck().all() as string[],
    doubled: db.prepare('SELECT client_id, mutation_id, count(*) AS n FROM mutations GROUP BY client_id, mutation_id HAVING n > 1').all(),
    notApplied: db.prepare(`SELECT outcome, reason, count(*) AS n FROM mutations WHERE outcome <> 'applied' GROUP BY outcome, reason`).all(),
    mutations: db.prepare(`SELECT count(*) FROM mutations WHERE entity = 'agent_state'`).pluck().get() as number,
  }));
  expect(local.outbox).toBe(0);
  expect(stored.doubled).toEqual([]);
  expect(stored.notApplied).toEqual([]);
  expect(stored.ids.length).toBe(local.ids.length);
  expect(stored.ids).toEqual(local.ids);
  expect(stored.mutations).toBe(local.ids.length);
  return { count: local.ids.length };
}

describe('sync reliability: outages, faulty network, backend restarts (real backend process)', () => {
  it('keeps saving through a long outage and delivers everything once, in order per entity, when the backend returns', async () => {
    const first = await backend();
    const dataDir = tempDir();
    const desk = await signedInDesk(first.url, dataDir);
    await first.stop('SIGKILL');

    // ~8 s of work with the backend gone: agent states through the core, and 25 tickets, each created then
    // edited 4 times, interleaved (a ticket's edits only apply after its creation: order per entity matters).
    const writer = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    cleanups.push(() => void writer.close());
    const outbox = new Outbox(writer);
    const insertTicketWrite = (entityId: string, kind: 'create' | 'update', payload: unknown) => writer.transaction(() => outbox.add({ entity: 'ticket', entityId, kind, payload }, Date.now()))();
    const tickets = Array.from({ length: 25 }, () => uuidv7());
    const outageStarted = Date.now();
    let step = 0;
    let attempts = 0;
    while (Date.now() - outageStarted < 8_000 || step < 5) {
      for (let i = 0; i < 10; i += 1) await desk.call('agent.setState', { state: (step + i) % 2 ? 'available' : 'after_call_work' });
      for (const id of tickets) {
        if (step === 0) insertTicketWrite(id, 'create', { title: `Zgłoszenie ${id.slice(-6)}`, description: 'step 0', service_code: 'ZDIZ-DZIURA', created_at: Date.now() });
        else if (step < 5) insertTicketWrite(id, 'update', { description: `step ${step}`, updated_at: Date.now() });
      }
      const status = await desk.core.syncOnce(); // fails: nobody listens
      attempts += 1;
      expect(status.state).toBe('offline');
      expect(status.lastError).toBeTruthy();
      step += 1;
      await sleep(300);
    }
    const queued = readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number);
    expect(queued).toBe(step * 10 + 25 * 5);
    const oldest = (await desk.core.syncOnce()).oldestUnsentAt;
    expect(oldest).toBeLessThanOrEqual(outageStarted + 1000);

    await backend(first.dbFile, first.port); // back on the same address and database
    expect(await drain(desk)).toMatchObject({ unsentCount: 0, needsReviewCount: 0, lastError: null });

    const { count } = expectExactlyOnce(dataDir, first.dbFile);
    expect(count).toBe(step * 10); // every agent state saved during the outage (none before it)
    const clientId = readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT value FROM desk_meta WHERE key = 'client_id'`).pluck().get() as string);
    const arrived = readDatabase(first.dbFile, (db) => ({
      // Arrival order on the backend (rowid) against the desk's seq: one sender, in order.
      mutations: db.prepare('SELECT entity, entity_id AS entityId, seq FROM mutations WHERE client_id = ? ORDER BY rowid').all(clientId) as { entity: string; entityId: string; seq: number }[],
      claimed: db.prepare('SELECT client_changed_at FROM agent_states ORDER BY rowid').pluck().all() as number[],
      tickets: db.prepare('SELECT id, description FROM tickets').all() as { id: string; description: string }[],
    }));
    const seqs = arrived.mutations.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const perEntity = new Map<string, number[]>();
    for (const m of arrived.mutations) perEntity.set(`${m.entity}/${m.entityId}`, [...(perEntity.get(`${m.entity}/${m.entityId}`) ?? []), m.seq]);
    for (const [, entitySeqs] of perEntity) expect(entitySeqs).toEqual([...entitySeqs].sort((a, b) => a - b));
    expect(arrived.claimed).toEqual([...arrived.claimed].sort((a, b) => a - b)); // agent states arrived in the order the consultant changed them
    expect(arrived.tickets).toHaveLength(25);
    for (const ticket of arrived.tickets) expect(ticket.description).toBe('step 4'); // the last edit won: edits applied in order
    console.info(`outage ${Math.round((Date.now() - outageStarted) / 1000)} s, ${attempts} failed rounds, ${queued} queued, delivered once in order`);
  }, 60_000);

  it('refused and dropped connections: nothing lost, nothing doubled', async () => {
    const city = await backend();
    const { proxy, url } = await proxied(city);
    const dataDir = tempDir();
    const desk = await signedInDesk(url, dataDir);

    proxy.fault = { mode: 'refuse' };
    proxy.dropAll(); // the desk's kept-alive connection goes too: from now on every connection is refused
    for (let i = 0; i < 20; i += 1) await desk.call('agent.setState', { state: i % 2 ? 'available' : 'after_call_work' });
    for (let i = 0; i < 3; i += 1) expect(await desk.core.syncOnce()).toMatchObject({ state: 'offline', unsentCount: 20 });

    // Dropped while the push is on the wire (the proxy holds it 300 ms): the backend may or may not have it.
    proxy.fault = { mode: 'delay', delayMs: 300 };
    queueAgentStates(dataDir, 400);
    for (let i = 0; i < 3; i += 1) {
      const round = desk.core.syncOnce();
      await sleep(100 + i * 250);
      proxy.dropAll();
      const status = await round;
      expect(status.state === 'offline' || status.unsentCount < 420).toBe(true);
    }
    proxy.fault = { mode: 'pass' };
    expect(await drain(desk)).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    expect(expectExactlyOnce(dataDir, city.dbFile).count).toBe(420);
  }, 60_000);

  it('slow network (every chunk held 250 ms each way): everything arrives once', async () => {
    const city = await backend();
    const { proxy, url } = await proxied(city);
    const dataDir = tempDir();
    const desk = await signedInDesk(url, dataDir);
    proxy.fault = { mode: 'delay', delayMs: 250 };
    queueAgentStates(dataDir, 1200); // three batches
    const started = Date.now();
    expect(await desk.core.syncOnce()).toMatchObject({ state: 'idle', unsentCount: 0, lastError: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 500); // really delayed: ≥ 2 × 250 ms per push
    proxy.fault = { mode: 'pass' };
    expect(expectExactlyOnce(dataDir, city.dbFile).count).toBe(1200);
  }, 60_000);

  it('replies cut after the commit, several times in a row: acknowledged as duplicates, stored once', async () => {
    const city = await backend();
    const { proxy, url } = await proxied(city);
    const dataDir = tempDir();
    const desk = await signedInDesk(url, dataDir);
    queueAgentStates(dataDir, 700); // a batch of 500 and one of 200
    proxy.fault = { mode: 'cut-reply', times: 4 };
    for (let cut = 1; cut <= 4; cut += 1) {
      await desk.call('sync.sendNow');
      const status = await desk.core.syncOnce();
      expect(proxy.cuts).toBe(cut);
      expect(status.unsentCount).toBe(700); // the desk never heard back, so it keeps everything
      expect(status.state === 'offline' || status.state === 'waiting').toBe(true);
    }
    // The first batch was committed on the first push; three more pushes of the same 500 stored nothing new.
    expect(readDatabase(city.dbFile, (db) => db.prepare('SELECT count(*) FROM agent_states').pluck().get())).toBe(500);
    proxy.fault = { mode: 'pass' };
    expect(await drain(desk)).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    expect(expectExactlyOnce(dataDir, city.dbFile).count).toBe(700);
  }, 60_000);

  // BUG (open): SyncEngine.runOnce returns at once when a background round (kick, sendNow, probe) is already
  // running (`round()` only sets `again`), so Core.syncOnce resolves before anything was sent, with state
  // 'sending'. The CLI's `sync --once` and `simulate` drain (`unsent after drain`) read that as unsent work.
  it('syncOnce resolves only after a round already under way has finished (BUG: returns at once with "sending")', async () => {
    const city = await backend();
    const { proxy, url } = await proxied(city);
    const dataDir = tempDir();
    const desk = await signedInDesk(url, dataDir);
    proxy.fault = { mode: 'delay', delayMs: 300 };
    await desk.call('agent.setState', { state: 'available' }); // the core sends on its own 50 ms later
    await sleep(150); // that round's push is now held by the proxy
    const status = await desk.core.syncOnce();
    expect(status).toMatchObject({ state: 'idle', unsentCount: 0 });
  }, 30_000);

  it('backend killed (SIGKILL) in the middle of a 3,000-change drain, twice, restarted on the same database: exactly once', async () => {
    const city = await backend();
    const { proxy, url } = await proxied(city);
    const dataDir = tempDir();
    const desk = await signedInDesk(url, dataDir);
    queueAgentStates(dataDir, 3000);

    let current = city;
    const stored = () => readDatabase(city.dbFile, (db) => db.prepare('SELECT count(*) FROM agent_states').pluck().get() as number);
    const kills: { afterPush: number; delayMs: number; storedBefore: number; storedAfter: number }[] = [];
    for (const [afterPush, delayMs] of [
      [2, 15],
      [2, 60],
    ] as const) {
      // Kill while the afterPush-th push of this round is with the backend (its request went through the proxy).
      let pushes = 0;
      let killed: Promise<void> | undefined;
      proxy.onRequest = (line) => {
        if (!line.startsWith('POST /sync/push') || ++pushes !== afterPush) return;
        killed = sleep(delayMs).then(() => current.stop('SIGKILL'));
      };
      const storedBefore = stored();
      const status = await desk.core.syncOnce();
      proxy.onRequest = undefined;
      expect(killed, 'the kill was armed').toBeDefined();
      await killed;
      expect(status.state).toBe('offline');
      expect(status.unsentCount).toBeGreaterThan(0);
      kills.push({ afterPush, delayMs, storedBefore, storedAfter: stored() });
      current = await backend(city.dbFile, city.port);
    }
    expect(await drain(desk)).toMatchObject({ unsentCount: 0, needsReviewCount: 0, lastError: null });
    expect(expectExactlyOnce(dataDir, city.dbFile).count).toBe(3000);
    console.info(`backend kills mid-drain: ${JSON.stringify(kills)}`);
  }, 90_000);
});
