import { join } from 'node:path';
import { APP_VERSION } from '../core/app-info';
import { Core } from '../core/core';
import { createLogger } from '../core/log';
import type { MethodName, MethodParams } from '../../preload/contract';

interface Options {
  json: boolean;
  once?: boolean;
  desks?: string;
  minutes?: string;
  backend?: string;
  user?: string;
  password?: string;
}

let nextId = 0;
async function call<M extends MethodName>(core: Core, method: M, params: MethodParams<M>): Promise<unknown> {
  const reply = await core.handle({ kind: 'request', id: `cli-${++nextId}`, method, params });
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

function positiveInt(value: string | undefined, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** `sync --once` and `simulate`: commands that run the whole core, as the desk does. */
export async function runCoreCommand(area: 'sync' | 'simulate' | 'login', dataDir: string, options: Options): Promise<number> {
  const log = createLogger(process.stderr, 'warn');
  if (area === 'login') {
    if (!options.backend || !options.user || !options.password) throw new Error('login needs --backend URL --user U --password P');
    const core = new Core({ dataDir, appVersion: APP_VERSION, log });
    try {
      await call(core, 'settings.update', { backend: { url: options.backend } });
      const status = (await call(core, 'auth.login', { username: options.user, password: options.password })) as { user: { name: string } };
      process.stdout.write(`signed in as ${status.user.name} at ${options.backend}\n`);
      return 0;
    } finally {
      core.close();
    }
  }
  if (area === 'sync') {
    if (!options.once) {
      process.stderr.write('sync: only --once is supported (the desk itself syncs continuously)\n');
      return 2;
    }
    const core = new Core({ dataDir, appVersion: APP_VERSION, log });
    try {
      const status = await core.syncOnce();
      process.stdout.write(options.json ? `${JSON.stringify(status)}\n` : `${status.state}: unsent ${status.unsentCount}, needs review ${status.needsReviewCount}${status.lastError ? `, last error: ${status.lastError}` : ''}\n`);
      return status.state === 'idle' ? 0 : 1;
    } finally {
      core.close();
    }
  }

  // simulate: N desks, each its own data folder and core, signed in, changing agent states and
  // searching the knowledge base at a consultant's pace, sending through their outboxes.
  const desks = positiveInt(options.desks, 'desks', 500);
  const minutes = Number(options.minutes ?? '1');
  if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error('--minutes must be a number above 0');
  if (!options.backend) throw new Error('simulate needs --backend URL');
  const cores = Array.from({ length: desks }, (_, i) => new Core({ dataDir: join(dataDir, 'simulated', `desk-${i + 1}`), appVersion: APP_VERSION, log }));
  const until = Date.now() + minutes * 60_000;
  let actions = 0;
  let failures = 0;
  try {
    for (const core of cores) {
      await call(core, 'settings.update', { backend: { url: options.backend } });
      await call(core, 'auth.login', { username: options.user ?? 'konsultant', password: options.password ?? 'konsultant' });
    }
    const states = ['available', 'on_call', 'after_call_work', 'available'] as const;
    await Promise.all(
      cores.map(async (core, desk) => {
        for (let step = desk; Date.now() < until; step += 1) {
          try {
            await call(core, 'agent.setState', { state: states[step % states.length]! });
            await call(core, 'kb.search', { query: ['dowod osobisty', 'wywoz gabarytow', 'podatek od nieruchomosci', 'dziura w jezdni'][step % 4]! });
            actions += 1;
          } catch (error) {
            failures += 1;
            process.stderr.write(`desk ${desk + 1}: ${(error as Error).message}\n`);
          }
          await new Promise((done) => setTimeout(done, 200 + Math.random() * 800));
        }
      }),
    );
    const drained = await Promise.all(cores.map((core) => core.syncOnce()));
    const unsent = drained.reduce((sum, status) => sum + status.unsentCount, 0);
    const report = { desks, minutes, actions, failures, unsentAfterDrain: unsent };
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${desks} desk(s), ${actions} action(s), ${failures} failure(s), unsent after drain: ${unsent}\n`);
    return failures === 0 && unsent === 0 ? 0 : 1;
  } finally {
    for (const core of cores) core.close();
  }
}
