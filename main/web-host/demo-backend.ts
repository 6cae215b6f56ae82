import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../core/log';

export const DEMO_BACKEND_PORT = 8787;

export interface DemoBackend {
  url: string;
  stop(): void;
}

/**
 * The embedded default: the reference city backend with demo users and data, on loopback, its
 * database inside the desk's data folder. A development and demo convenience: it runs the
 * backend's sources with tsx from the project checkout.
 */
export async function startDemoBackend(projectDir: string, dataDir: string, log: Logger, port = DEMO_BACKEND_PORT): Promise<DemoBackend | undefined> {
  const entry = join(projectDir, 'backend', 'main.ts');
  if (!existsSync(entry)) {
    log.warn('demo backend not started: backend sources not found', { entry });
    return undefined;
  }
  const dbDir = join(dataDir, 'demo-backend');
  mkdirSync(dbDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry, '--port', String(port), '--db', join(dbDir, 'city.sqlite'), '--demo'], {
    cwd: resolve(projectDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string | undefined>((done) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', () => done(undefined));
  });
  if (!url) {
    log.warn('demo backend did not start (is the port taken?)', { port, output: output.slice(-5) });
    return undefined;
  }
  return { url, stop: () => child.kill('SIGTERM') };
}
