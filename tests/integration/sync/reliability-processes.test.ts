import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { startDeskProcess } from '../../helpers/desk-process';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

/*
 * Reliability with real processes that die: the desk's core killed with SIGKILL at random points
 * while it saves and sends, and a desk whose clock is hours wrong. The backend is the real one, as
 * its own process; what it stored is read from its SQLite file.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backend = testBackend;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A small seeded generator, so a failing run can be repeated with the seed it printed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('desk core killed and clocks wrong (real processes)', () => {
  it('kill -9 of the core at random points while it saves and sends, 50 times: the backend holds exactly what was saved', async () => {
    const city = await backend();
    const dataDir = tempDir('desk-killed-');
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
    const random = seeded(seed);
    const KILLS = 50;
    const K = 1000; // more than a worker gets through before its kill (a save and a round take a few ms)
    // Sign in and make the first pull (~0.3 s for the demo catalogue's KB index) unkilled: kills then land in saves and pushes.
    const first = startDeskProcess(dataDir, city.url, 'work', 1);
    expect(await first.waitFor('done'), first.stderr.join('\n')).toMatchObject({ unsent: 0, state: 'idle' });
    await first.exited;
    const phases: Record<string, number> = {};
    let savedSeen = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const desk = startDeskProcess(dataDir, city.url, 'work', K);
      cleanups.push(() => void desk.child.kill('SIGKILL'));
      await desk.waitFor('ready');
      await sleep(50 + Math.floor(random() * 350));
      desk.child.kill('SIGKILL');
      const { signal, code } = await desk.exited;
      const last = desk.lines.at(-1)?.ev ?? 'none';
      // Where the kill landed: during a save (after "sent"/"ready"), during a sync round ("sending"/"saved"), or after the worker finished.
      const phase = signal === 'SIGKILL' ? (last === 'sending' || last === 'saved' ? 'while sending' : 'while saving') : `exited ${code}`;
      phases[phase] = (phases[phase] ?? 0) + 1;
      savedSeen += desk.lines.filter((line) => line.ev === 'saved').length;
    }
    // Kills must have hit the sender, not only the gaps between rounds.
    expect(phases['while sending'] ?? 0, `seed ${seed}: ${JSON.stringify(phases)}`).toBeGreaterThanOrEqual(10);

    const local = readDatabase(join(dataDir, DATABASE_FILE), (db) => ({
      ids: db.prepare('SELECT id FROM agent_state_changes ORDER BY changed_at, id').pluck().all() as string[],
      queued: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    }));
    // A save is printed after its transaction committed, so every printed save is on disk (a save can commit just before a kill without its line).
    expect(local.ids.length).toBeGreaterThanOrEqual(savedSeen);

    const drain = startDeskProcess(dataDir, city.url, 'drain');
    cleanups.push(() => void drain.child.kill('SIGKILL'));
    const done = await drain.waitFor('done', 60_000);
    expect(done, drain.stderr.join('\n')).toMatchObject({ unsent: 0, state: 'idle', lastError: null });
    await drain.exited;

    const outboxLeft = readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare('SELECT count(*) FROM outbox').pluck().get() as number);
    expect(outboxLeft).toBe(0);
    const stored = readDatabase(city.dbFile, (db) => ({
      ids: db.prepare('SELECT id FROM agent_states ORDER BY client_changed_at, id').pluck().all() as string[],
      doubled: db.prepare('SELECT mutation_id, count(*) AS n FROM mutations GROUP BY mutation_id HAVING n > 1').all(),
      rejected: db.prepare(`SELECT count(*) FROM mutations WHERE outcome <> 'applied'`).pluck().get() as number,
      mutations: db.prepare(`SELECT count(*) FROM mutations WHERE entity = 'agent_state'`).pluck().get() as number,
    }));
    expect(stored.ids.length).toBe(local.ids.length);
    expect(new Set(stored.ids).size).toBe(stored.ids.length);
    expect([...stored.ids].sort()).toEqual([...local.ids].sort());
    expect(stored.doubled).toEqual([]);
    expect(stored.rejected).toBe(0);
    expect(stored.mutations).toBe(local.ids.length);
    console.info(`kill -9 x${KILLS} (seed ${seed}): ${local.ids.length} changes saved, ${savedSeen} reported before a kill, ${local.queued} still queued for the drain; kills ${JSON.stringify(phases)}`);
  }, 150_000);

  it('a desk whose clock is 13 hours ahead signs in, keeps a valid session, and syncs; the backend stamps its own time', async () => {
    const city = await backend();
    const dataDir = tempDir('desk-skewed-');
    const OFFSET = 13 * 3600_000; // more than the 12 h session: read in the desk's clock without the skew, the session would be expired at once
    const before = Date.now();
    const desk = startDeskProcess(dataDir, city.url, 'work', 3, { clockOffsetMs: OFFSET });
    cleanups.push(() => void desk.child.kill('SIGKILL'));
    const ready = await desk.waitFor('ready');
    expect(Number(ready.now) - before).toBeGreaterThan(OFFSET - 60_000); // the preload really moved the worker's clock
    const done = await desk.waitFor('done');
    await desk.exited;
    const after = Date.now();
    expect(done, desk.stderr.join('\n')).toMatchObject({ unsent: 0, state: 'idle', lastError: null, auth: { state: 'signed_in' } });

    // The session's expiry is kept in the desk's clock (server expiry minus the measured skew): 12 h after the desk's "now".
    const session = readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare('SELECT expires_at FROM session').pluck().get() as string);
    const expiresInDeskClock = Date.parse(session) - Number(ready.now);
    expect(expiresInDeskClock).toBeGreaterThan(11.9 * 3600_000);
    expect(expiresInDeskClock).toBeLessThan(12.1 * 3600_000);

    const rows = readDatabase(city.dbFile, (db) => db.prepare('SELECT client_changed_at AS claimed, received_at AS received FROM agent_states').all() as { claimed: number; received: number }[]);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.received).toBeGreaterThanOrEqual(before - 1000); // server time, not the desk's
      expect(row.received).toBeLessThanOrEqual(after + 1000);
      expect(row.claimed - row.received).toBeGreaterThan(OFFSET - 60_000); // the desk's claim is kept, as a claim
    }
    const received = readDatabase(city.dbFile, (db) => db.prepare(`SELECT max(received_at) FROM mutations`).pluck().get() as number);
    expect(received).toBeLessThanOrEqual(after + 1000);

    // A restarted worker (same wrong clock) still finds its cached session valid and syncs without signing in again.
    const again = startDeskProcess(dataDir, city.url, 'work', 1, { clockOffsetMs: OFFSET });
    cleanups.push(() => void again.child.kill('SIGKILL'));
    expect(await again.waitFor('done')).toMatchObject({ unsent: 0, state: 'idle', auth: { state: 'signed_in' } });
    const sessions = readDatabase(city.dbFile, (db) => db.prepare('SELECT count(*) FROM sessions').pluck().get() as number);
    expect(sessions).toBe(1);
  }, 60_000);
});
