import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startBackendProcess } from './backend-process';
import type { BackendProcess } from './backend-process';
import { tempDir } from './temp-dir';

const running: BackendProcess[] = [];

/**
 * The real city backend for one Vitest test, stopped after it. Pass the database file and port of
 * an earlier one to restart it on the same address and data.
 */
export async function testBackend(dbFile = join(tempDir('backend-'), 'city.sqlite'), port = 0): Promise<BackendProcess> {
  const city = await startBackendProcess(dbFile, port);
  running.push(city);
  return city;
}

/** A session token from the backend's own login (password = user name, as the demo users have). */
export async function backendToken(url: string, username: string): Promise<string> {
  const reply = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username }) });
  return ((await reply.json()) as { token: string }).token;
}

afterEach(async () => {
  // Killed, not asked to stop: the test has read what it needed, and teardown should be quick.
  for (const city of running.splice(0)) await city.stop('SIGKILL');
});
