import { afterEach } from 'vitest';
import { startTestCore } from './core';
import type { TestCore } from './core';
import { tempDir } from './temp-dir';

// Vitest only (the end-to-end specs seed through startTestCore directly).
const opened: TestCore[] = [];
afterEach(() => {
  for (const desk of opened.splice(0).reverse()) desk.core.close();
});

/** A test core closed after the test. */
export function openTestCore(dataDir = tempDir(), options: Parameters<typeof startTestCore>[1] = {}): TestCore {
  const desk = startTestCore(dataDir, options);
  opened.push(desk);
  return desk;
}

/** A test core signed in to a city backend as `username` (password = user name), closed after the test. */
export async function signedInTestCore(url: string, username = 'konsultant'): Promise<TestCore> {
  const desk = openTestCore(tempDir(), { pullIntervalMs: 3_600_000 });
  await desk.ok('settings.update', { backend: { url } });
  await desk.ok('auth.login', { username, password: username });
  return desk;
}
