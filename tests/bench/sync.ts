// Sync benchmarks (issue 3): a durable save with its outbox row, draining 10,000 queued mutations beside
// a naive one-per-request sender, the first pull of 50,000 KB articles, and the backend under 500 desks
// on SQLite beside PostgreSQL. The backend is the real one, as its own process (tsx), on loopback.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { KEY_FIELD, putRecordIn } from '../../backend/catalog/routes';
import { uuidv7 as serverUuid } from '../../backend/common/ids';
import type { LoginResponse, Mutation, PullResponse, PushResponse } from '../../backend/contract';
import { SqliteDb } from '../../backend/db/sqlite';
import { Core, DATABASE_FILE } from '../../main/core/core';
import { silentLogger } from '../../main/core/log';
import { AgentStateRepository } from '../../main/status/agent-state-repository';
import { openStore } from '../../main/store/database';
import { Outbox } from '../../main/store/outbox';
import type { QueuedRow } from '../../main/sync/outbox-queue';
import type { MethodName, MethodParams } from '../../preload/contract';
import { startBackendProcess } from '../helpers/backend-process';
import type { BackendProcess } from '../helpers/backend-process';
import { postgresBinDir, startPostgres } from '../integration/backend/helpers/postgres';
import { benchDir } from './files';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const quiet = { pullIntervalMs: 3_600_000, backendCheckIntervalMs: 3_600_000 };
let requestId = 0;

async function call<M extends MethodName>(core: Core, method: M, params?: MethodParams<M>): Promise<unknown> {
  const reply = await core.handle({ kind: 'request', id: `b${++requestId}`, method, params: params ?? {} });
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

/** A desk on `dataDir`, signed in to `url`, with its first pull done; closed again. */
async function prepareDesk(dataDir: string, url: string): Promise<void> {
  const core = new Core({ dataDir, appVersion: 'bench', log: silentLogger, ...quiet });
  await call(core, 'settings.update', { backend: { url } });
  await call(core, 'auth.login', { username: 'konsultant', password: 'konsultant' });
  await core.syncOnce();
  core.close();
}

/** `count` agent-state changes queued by the real use-case (record + outbox row), as saved while offline. */
function queueChanges(dataDir: string, count: number): void {
  const opened = openStore(join(dataDir, DATABASE_FILE));
  if (!opened.ok) throw new Error(`desk database: ${opened.status.state}`);
  const repository = new AgentStateRepository(opened.db, new Outbox(opened.db));
  const start = Date.now();
  opened.db.transaction(() => {
    for (let i = 0; i < count; i += 1) repository.change(i % 2 ? 'available' : 'after_call_work', null, start + i);
  })();
  opened.db.close();
}

function backendCount(dbFile: string, sql: string): number {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------

/** AgentStateRepository.change: the record and its outbox row in one transaction, WAL, synchronous=FULL, on a real file. */
export async function syncSave(): Promise<BenchResult> {
  const dir = benchDir('sync-save');
  const opened = openStore(join(dir, DATABASE_FILE));
  if (!opened.ok) throw new Error(`desk database: ${opened.status.state}`);
  const db = opened.db;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal' ? 1 : 0;
  const repository = new AgentStateRepository(db, new Outbox(db));
  const WARMUP = 200;
  const SAVES = 5_000;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAVES; i += 1) {
    const started = performance.now();
    repository.change(i % 2 ? 'available' : 'not_available', i % 2 ? null : 'break', Date.now());
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  const queued = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  db.close();
  if (queued !== WARMUP + SAVES) throw new Error(`outbox holds ${queued} rows, expected ${WARMUP + SAVES}`);
  return result(
    'sync-save',
    'save an agent-state change with its outbox row in one transaction (AgentStateRepository.change), WAL, synchronous=FULL, real file',
    { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)), saves: SAVES, synchronous_full: synchronous === 2 ? 1 : 0, wal },
    { figure: 'p99_ms', max: 2 },
  );
}

// ---------------------------------------------------------------------------------------------

const DRAIN = 10_000;
const NAIVE_CAP_MS = 120_000;

/** The engine: a desk with 10,000 queued changes opens and runs sync rounds until its outbox is empty. */
async function engineDrain(dir: string): Promise<{ seconds: number; stored: number }> {
  const city = await startBackendProcess(join(dir, 'city-engine.sqlite'));
  try {
    const dataDir = join(dir, 'desk-engine');
    await prepareDesk(dataDir, city.url);
    queueChanges(dataDir, DRAIN);
    const core = new Core({ dataDir, appVersion: 'bench', log: silentLogger, ...quiet });
    const started = performance.now();
    let status = await core.syncOnce();
    for (let i = 0; status.unsentCount > 0 && i < 20; i += 1) status = await core.syncOnce();
    const seconds = (performance.now() - started) / 1000;
    core.close();
    if (status.unsentCount > 0) throw new Error(`engine left ${status.unsentCount} unsent: ${status.lastError}`);
    return { seconds, stored: backendCount(city.dbFile, 'SELECT count(*) FROM agent_states') };
  } finally {
    await city.stop();
  }
}

/** The naive sender: for each outbox row, one POST /sync/push with that single mutation, then delete the row; strictly one after another. */
async function naiveDrain(dir: string): Promise<{ seconds: number; stored: number; sent: number }> {
  const city = await startBackendProcess(join(dir, 'city-naive.sqlite'));
  try {
    const dataDir = join(dir, 'desk-naive');
    await prepareDesk(dataDir, city.url);
    queueChanges(dataDir, DRAIN);
    const opened = openStore(join(dataDir, DATABASE_FILE));
    if (!opened.ok) throw new Error('desk database');
    const db = opened.db;
    const token = db.prepare('SELECT token FROM session').pluck().get() as string;
    const clientId = db.prepare(`SELECT value FROM desk_meta WHERE key = 'client_id'`).pluck().get() as string;
    const rows = db.prepare(`SELECT seq, mutation_id, entity, entity_id, kind, payload, depends_on, created_at FROM outbox ORDER BY seq`).all() as QueuedRow[];
    const acknowledge = db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
    const started = performance.now();
    let sent = 0;
    for (const row of rows) {
      const mutation: Mutation = { client_id: clientId, seq: row.seq, mutation_id: row.mutation_id, entity: row.entity, entity_id: row.entity_id, kind: row.kind, payload: JSON.parse(row.payload), depends_on: row.depends_on };
      const response = await fetch(new URL('/sync/push', city.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ mutations: [mutation] }),
      });
      const reply = (await response.json()) as PushResponse;
      if (response.status !== 200 || reply.results[0]?.status !== 'applied') throw new Error(`naive push: ${response.status} ${JSON.stringify(reply).slice(0, 200)}`);
      acknowledge.run(row.mutation_id);
      sent += 1;
      if (performance.now() - started > NAIVE_CAP_MS) break;
    }
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return { seconds, sent, stored: backendCount(city.dbFile, 'SELECT count(*) FROM agent_states') };
  } finally {
    await city.stop();
  }
}

export async function syncDrain(): Promise<BenchResult> {
  const dir = benchDir('sync-drain');
  const engine = await engineDrain(dir);
  if (engine.stored !== DRAIN) throw new Error(`engine: backend stored ${engine.stored}, expected ${DRAIN}`);
  const naive = await naiveDrain(dir);
  const naiveSeconds = naive.sent === DRAIN ? naive.seconds : (naive.seconds * DRAIN) / naive.sent;
  return result(
    'sync-drain',
    `drain ${DRAIN} queued agent-state changes after reconnecting (SyncEngine: batches of 500, one transaction each) beside a naive sender (one POST per mutation, sequential); fresh backend process + SQLite each, loopback`,
    {
      engine_s: round(engine.seconds, 2),
      engine_per_s: Math.round(DRAIN / engine.seconds),
      naive_s: round(naiveSeconds, 2),
      naive_per_s: Math.round(naive.sent / naive.seconds),
      naive_sent: naive.sent,
      naive_projected: naive.sent === DRAIN ? 0 : 1,
      speedup: round(naiveSeconds / engine.seconds, 1),
    },
    { figure: 'engine_s', max: 10 },
  );
}

// ---------------------------------------------------------------------------------------------

const ARTICLES = 50_000;
const WORDS = 'dowód osobisty wniosek urząd miasta meldunek podatek opłata odpady harmonogram dziura jezdnia latarnia awaria chodnik zieleń drzewo parking abonament karta mieszkańca zasiłek świadczenie rejestracja pojazdu prawo jazdy termin wizyta'.split(' ');

function text(seed: number, words: number): string {
  let out = '';
  let x = seed >>> 0;
  for (let i = 0; i < words; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += (i ? ' ' : '') + WORDS[x % WORDS.length];
  }
  return out;
}

/** Writes `count` articles straight into the backend's SQLite with its own catalogue code (putRecordIn: record + change feed), 5,000 per transaction. */
async function seedArticles(dbFile: string, count: number): Promise<void> {
  const db = new SqliteDb(dbFile);
  try {
    for (let start = 0; start < count; start += 5_000) {
      await db.transaction(async (tx) => {
        for (let i = start; i < Math.min(count, start + 5_000); i += 1) {
          const id = `bench-${String(i).padStart(6, '0')}`;
          await putRecordIn(tx, 'kb_article', id, {
            [KEY_FIELD.kb_article]: id,
            title: `Artykuł ${i}: ${text(i, 6)}`,
            summary: text(i * 7 + 1, 30),
            body: `## ${text(i * 3, 4)}\n\n${text(i * 11 + 5, 180)}`,
            keywords: text(i * 13, 5).split(' '),
            unit: 'Urząd Miasta',
            category: `Kategoria ${i % 40}`,
            lang: 'pl',
          });
        }
      });
    }
  } finally {
    await db.close();
  }
}

export async function syncFirstPull(): Promise<BenchResult> {
  const dir = benchDir('sync-first-pull');
  const dbFile = join(dir, 'city.sqlite');
  const city = await startBackendProcess(dbFile); // demo users and catalogue
  try {
    const seedStarted = performance.now();
    await seedArticles(dbFile, ARTICLES);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const published = backendCount(dbFile, `SELECT count(*) FROM published_records WHERE entity = 'kb_article'`);
    const core = new Core({ dataDir: join(dir, 'desk'), appVersion: 'bench', log: silentLogger, ...quiet });
    await call(core, 'settings.update', { backend: { url: city.url } });
    await call(core, 'auth.login', { username: 'konsultant', password: 'konsultant' });
    const started = performance.now();
    const status = await core.syncOnce();
    const seconds = (performance.now() - started) / 1000;
    const facets = (await call(core, 'kb.facets')) as { articles: number };
    core.close();
    if (status.lastError || facets.articles < ARTICLES) throw new Error(`first pull: ${facets.articles} articles, ${status.lastError}`);
    return result(
      'sync-first-pull',
      `a fresh desk's first full pull (SyncEngine.runOnce, pages of 500) of ${published} knowledge-base articles (~1.6 kB each) into its replica and search index; backend process on SQLite, loopback`,
      { first_pull_s: round(seconds, 2), articles: facets.articles, applied: status.pull.applied, articles_per_s: Math.round(status.pull.applied / seconds), seed_s: round(seedSeconds, 1) },
      { figure: 'first_pull_s', max: 30 },
    );
  } finally {
    await city.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const DESKS = 500;
const ROUNDS = 4;
const PER_PUSH = 5;
const TOKENS = 10;

interface LoadFigures {
  push_p50_ms: number;
  push_p99_ms: number;
  pull_p50_ms: number;
  pull_p99_ms: number;
  requests_per_s: number;
  mutations_per_s: number;
  total_s: number;
  errors: number;
}

/** 500 desks at once, each ROUNDS × (push PER_PUSH agent states, pull from its cursor), over keep-alive HTTP. */
async function load(city: BackendProcess): Promise<LoadFigures> {
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i += 1) {
    const response = await fetch(new URL('/auth/login', city.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'konsultant', password: 'konsultant' }) });
    tokens.push(((await response.json()) as LoginResponse).token);
  }
  const pushes: number[] = [];
  const pulls: number[] = [];
  let errors = 0;
  const desk = async (n: number): Promise<void> => {
    const token = tokens[n % TOKENS]!;
    const clientId = `bench-desk-${n}-${serverUuid()}`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    let seq = 0;
    let cursor: string | undefined;
    for (let r = 0; r < ROUNDS; r += 1) {
      const mutations: Mutation[] = Array.from({ length: PER_PUSH }, (_, i) => ({
        client_id: clientId,
        seq: ++seq,
        mutation_id: serverUuid(),
        entity: 'agent_state',
        entity_id: serverUuid(),
        kind: 'create',
        payload: { state: i % 2 ? 'available' : 'after_call_work', reason: null, changedAt: Date.now() },
      }));
      let started = performance.now();
      try {
        const response = await fetch(new URL('/sync/push', city.url), { method: 'POST', headers, body: JSON.stringify({ mutations }) });
        const reply = (await response.json()) as PushResponse;
        if (response.status !== 200 || reply.results.some((x) => x.status !== 'applied')) errors += 1;
      } catch {
        errors += 1;
      }
      pushes.push(performance.now() - started);
      started = performance.now();
      try {
        for (;;) {
          const query = new URLSearchParams({ limit: '500', ...(cursor ? { since: cursor } : {}) });
          const response = await fetch(new URL(`/sync/pull?${query}`, city.url), { headers: { authorization: `Bearer ${token}` } });
          const page = (await response.json()) as PullResponse;
          if (response.status !== 200) throw new Error(String(response.status));
          cursor = page.cursor;
          if (!page.has_more) break;
        }
      } catch {
        errors += 1;
      }
      pulls.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: DESKS }, (_, n) => desk(n)));
  const seconds = (performance.now() - started) / 1000;
  return {
    push_p50_ms: round(percentile(pushes, 50), 1),
    push_p99_ms: round(percentile(pushes, 99), 1),
    pull_p50_ms: round(percentile(pulls, 50), 1),
    pull_p99_ms: round(percentile(pulls, 99), 1),
    requests_per_s: Math.round((pushes.length + pulls.length) / seconds),
    mutations_per_s: Math.round((pushes.length * PER_PUSH) / seconds),
    total_s: round(seconds, 2),
    errors,
  };
}

export async function syncBackendLoad(): Promise<BenchResult> {
  const dir = benchDir('sync-backend-load');
  const figures: Record<string, number> = {};
  const sqlite = await startBackendProcess(join(dir, 'city.sqlite'));
  try {
    for (const [key, value] of Object.entries(await load(sqlite))) figures[`sqlite_${key}`] = value;
    const stored = backendCount(sqlite.dbFile, 'SELECT count(*) FROM agent_states');
    if (stored !== DESKS * ROUNDS * PER_PUSH) figures.sqlite_errors = (figures.sqlite_errors ?? 0) + Math.abs(DESKS * ROUNDS * PER_PUSH - stored);
  } finally {
    await sqlite.stop();
  }
  if (postgresBinDir()) {
    const server = await startPostgres();
    try {
      const pg = await startBackendProcess(join(dir, 'unused.sqlite'), 0, { DATABASE_URL: await server.createDatabase() });
      try {
        for (const [key, value] of Object.entries(await load(pg))) figures[`pg_${key}`] = value;
      } finally {
        await pg.stop();
      }
    } finally {
      server.stop();
    }
  } else {
    figures.pg_missing = 1;
  }
  figures.errors = (figures.sqlite_errors ?? 0) + (figures.pg_errors ?? 0);
  return result(
    'sync-backend-load',
    `${DESKS} simulated desks at once, each ${ROUNDS} × (push ${PER_PUSH} agent states, pull from its cursor) over keep-alive HTTP; backend process on SQLite (synchronous=FULL) beside PostgreSQL (throwaway server, fsync off, pool of 10); load generator in the same 2-core box; ${TOKENS} sessions shared. The issue names no latency bound: the target is no failed request.`,
    figures,
    { figure: 'errors', max: 0 },
  );
}
