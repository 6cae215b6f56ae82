import { join } from 'node:path';
import { startBackendProcess } from '../helpers/backend-process';
import type { BackendProcess } from '../helpers/backend-process';
import { tempDataDir } from './desk-host';

export type RunningBackend = BackendProcess;

/**
 * The reference city backend (`backend/main.ts --demo`: demo users such as konsultant/konsultant)
 * on a free port with its own SQLite file; resolves when it has printed its address.
 */
export function startCityBackend(): Promise<RunningBackend> {
  return startBackendProcess(join(tempDataDir('city-backend-'), 'backend.sqlite'));
}
