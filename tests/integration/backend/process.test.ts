import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshPostgresUrl } from './helpers/dialects';

/** `npm run backend` as a real process: it prints its address, serves, and stops cleanly on SIGTERM. */
async function runBackend(env: Record<string, string>, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/main.ts', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`backend exited: ${output}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
    expect(login.status).toBe(200);
    const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/sync/push', '/sync/pull', '/auth/login', '/open311/v2/requests.json', '/open311/v2/services/{file}']));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
}

describe.each(DIALECTS)('the backend process on %s', (dialect) => {
  it('starts, answers /health, and shuts down on SIGTERM', async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'backend-process-'));
      try {
        await runBackend({ DATABASE_URL: '' }, ['--db', join(dir, 'city.sqlite'), '--demo']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      await runBackend({ DATABASE_URL: await freshPostgresUrl() }, ['--demo']);
    }
  });
});
