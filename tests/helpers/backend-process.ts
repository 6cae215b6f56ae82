import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BackendProcess {
  url: string;
  port: number;
  dbFile: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real city backend as its own process (`backend/main.ts` under tsx), on SQLite, with demo
 * data. Resolves when it prints its address. Pass `port` to restart on the same address; `env`
 * adds to the environment (DATABASE_URL runs it on PostgreSQL instead of `dbFile`).
 */
export async function startBackendProcess(dbFile: string, port = 0, env: Record<string, string> = {}): Promise<BackendProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join('backend', 'main.ts'), '--port', String(port), '--db', dbFile, '--demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => errors.push(line));
  const url = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`backend exited with ${code}:\n${errors.join('\n')}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    dbFile,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}
