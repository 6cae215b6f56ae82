import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { Core, DATABASE_FILE } from '../../main/core/core';
import { silentLogger } from '../../main/core/log';
import { openStore } from '../../main/store/database';
import { Outbox } from '../../main/store/outbox';
import { BENCH_ROOT, benchDir } from './files';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const WEB_HOST = resolve('out/main/web-host.js');
const NYC_311 = resolve('../shared/data/nyc311/nyc311_combined_sample.csv');
const ONE_GB = 1024 ** 3;

/** Milliseconds from spawning `node out/main/web-host.js` to its core logging "core ready". */
function processStart(dataDir: string): Promise<{ toReadyMs: number; coreReadyInMs: number }> {
  if (!existsSync(WEB_HOST)) throw new Error(`${WEB_HOST} is missing: run "npm run build" first`);
  const started = performance.now();
  const child = spawn(process.execPath, [WEB_HOST, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((done, fail) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (!line.includes('"core ready"')) return;
      const toReadyMs = performance.now() - started;
      const coreReadyInMs = (JSON.parse(line) as { readyInMs: number }).readyInMs;
      child.kill('SIGTERM');
      child.once('exit', () => done({ toReadyMs, coreReadyInMs }));
    });
    child.once('error', fail);
  });
}

/** In-process: open the database, run migrations, read settings (what `new Core` does). */
function inProcessStart(dataDir: string): number {
  const started = performance.now();
  const core = new Core({ dataDir, appVersion: 'bench', log: silentLogger });
  const ms = performance.now() - started;
  core.close();
  return ms;
}

export async function coreStartEmpty(): Promise<BenchResult> {
  const inProcess: number[] = [];
  const spawned: number[] = [];
  const coreOnly: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    inProcess.push(inProcessStart(benchDir('core-empty')));
    const run = await processStart(benchDir('core-empty'));
    spawned.push(run.toReadyMs);
    coreOnly.push(run.coreReadyInMs);
  }
  return result(
    'core-start-empty',
    'empty data folder: process spawn to "core ready" (Node start, bundle load, create database, migrate), and the core part alone',
    {
      process_to_ready_p50_ms: round(percentile(spawned, 50), 1),
      process_to_ready_max_ms: round(Math.max(...spawned), 1),
      core_ready_p50_ms: round(percentile(coreOnly, 50), 1),
      in_process_p50_ms: round(percentile(inProcess, 50), 1),
      runs: spawned.length,
    },
    { figure: 'process_to_ready_max_ms', max: 300 },
  );
}

/**
 * A 1 GB desk database: the real schema plus replica-like rows cut from NYC 311 requests (the
 * shape later issues store: tickets and history), and 20,000 unsent outbox entries. Made once
 * and kept under .cache/bench.
 */
function oneGigabyteDatabase(): string {
  const dir = join(BENCH_ROOT, 'core-1gb');
  const path = join(dir, DATABASE_FILE);
  if (existsSync(path) && statSync(path).size >= ONE_GB) return dir;
  benchDir('core-1gb');
  const opened = openStore(path);
  if (!opened.ok) throw new Error(`cannot create the 1 GB database: ${opened.status.detail}`);
  const db = opened.db;
  db.pragma('synchronous = OFF'); // generation only
  db.exec(`CREATE TABLE IF NOT EXISTS bench_replica_311 (id INTEGER PRIMARY KEY, unique_key TEXT NOT NULL, body TEXT NOT NULL) STRICT;
           CREATE INDEX IF NOT EXISTS bench_replica_311_key ON bench_replica_311 (unique_key);`);
  const rows = readFileSync(NYC_311, 'utf8').split('\n').slice(1).filter(Boolean);
  const outbox = new Outbox(db);
  db.transaction(() => {
    for (let i = 0; i < 20_000; i += 1) outbox.add({ entity: 'ticket', entityId: `t${i}`, kind: 'create', payload: { row: rows[i % rows.length] } }, Date.now());
  })();
  const insert = db.prepare('INSERT INTO bench_replica_311 (unique_key, body) VALUES (?, ?)');
  let n = 0;
  while (statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0) < ONE_GB * 1.01) {
    db.transaction(() => {
      for (let i = 0; i < 50_000; i += 1, n += 1) insert.run(`${n}`, rows[n % rows.length]!);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.close();
  return dir;
}

/** Empties the OS page cache (root on Linux only), so the next start reads the disk. */
function dropPageCache(): boolean {
  try {
    spawnSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

export async function coreStart1Gb(): Promise<BenchResult> {
  const dir = oneGigabyteDatabase();
  const size = statSync(join(dir, DATABASE_FILE)).size;
  const cold = dropPageCache() ? (await processStart(dir)).toReadyMs : Number.NaN;
  const spawned: number[] = [];
  const coreOnly: number[] = [];
  const statusQuery: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const run = await processStart(dir);
    spawned.push(run.toReadyMs);
    coreOnly.push(run.coreReadyInMs);
    const core = new Core({ dataDir: dir, appVersion: 'bench', log: silentLogger });
    const started = performance.now();
    core.status(); // counts the 20,000 unsent rows: what the status bar asks first
    statusQuery.push(performance.now() - started);
    core.close();
  }
  const check = new BetterSqlite3(join(dir, DATABASE_FILE), { readonly: true });
  const rows = check.prepare('SELECT count(*) FROM bench_replica_311').pluck().get() as number;
  check.close();
  return result(
    'core-start-1gb',
    `1 GB database (${(size / ONE_GB).toFixed(2)} GiB, ${rows} replica rows, 20,000 unsent): process spawn to "core ready"; one start after emptying the page cache (${Number.isNaN(cold) ? 'not permitted here' : 'done'}), then warm starts`,
    {
      cold_cache_process_to_ready_ms: round(cold, 1),
      process_to_ready_p50_ms: round(percentile(spawned, 50), 1),
      process_to_ready_max_ms: round(Math.max(...spawned, Number.isNaN(cold) ? 0 : cold), 1),
      core_ready_p50_ms: round(percentile(coreOnly, 50), 1),
      first_status_p50_ms: round(percentile(statusQuery, 50), 2),
      size_gib: round(size / ONE_GB, 2),
      runs: spawned.length,
    },
    { figure: 'process_to_ready_max_ms', max: 1000 },
  );
}
