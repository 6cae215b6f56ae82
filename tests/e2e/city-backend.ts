import { join } from 'node:path';
import { startBackendProcess } from '../helpers/backend-process';
import type { BackendProcess } from '../helpers/backend-process';
import { tempDataDir } from './desk-host';
import { test } from './fixtures';

export type RunningBackend = BackendProcess;

/**
 * The reference city backend (`backend/main.ts --demo`: demo users such as konsultant/konsultant)
 * on a free port with its own SQLite file; resolves when it has printed its address.
 */
export function startCityBackend(): Promise<RunningBackend> {
  return startBackendProcess(join(tempDataDir('city-backend-'), 'backend.sqlite'));
}

/** The desk fixtures plus `backend`: a fresh reference backend per test, stopped after it. */
export const testWithBackend = test.extend<{ backend: RunningBackend }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  backend: async ({}, use) => {
    const backend = await startCityBackend();
    await use(backend);
    await backend.stop();
  },
});
