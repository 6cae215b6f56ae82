import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const WEB_HOST_ENTRY = resolve('out/main/web-host.js');

export interface RunningDesk {
  /** The one-time address printed by the host. */
  url: string;
  origin: string;
  dataDir: string;
  /** Everything the host wrote to stderr (its JSON log lines). */
  log: string[];
  stop(): Promise<void>;
}

/** A fresh data folder in the system's temp folder. */
export function tempDataDir(prefix = 'desk-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Starts the real browser host (`node out/main/web-host.js`) on a free port with `dataDir`, and
 * resolves when it has printed its address: an event, not a sleep.
 */
export async function startDesk(dataDir: string = tempDataDir()): Promise<RunningDesk> {
  if (!existsSync(WEB_HOST_ENTRY)) throw new Error(`${WEB_HOST_ENTRY} is missing: run "npm run build" first`);
  const child: ChildProcess = spawn(process.execPath, [WEB_HOST_ENTRY, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /open: (http\S+)/.exec(line);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`browser host exited with ${code} before printing its address:\n${log.join('\n')}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    log,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export const SEED_ARTICLES = resolve('resources/kb/seed-articles.jsonl');

/**
 * Imports knowledge-base articles into `dataDir` with the operator CLI, as an operator would,
 * before a browser host opens it. Resolves with the CLI's report; rejects when it fails.
 */
export function importKb(dataDir: string, file: string = SEED_ARTICLES): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', '--data-dir', dataDir, 'kb', 'import', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(output) : fail(new Error(`kb import exited with ${code}:\n${output}`))));
  });
}
