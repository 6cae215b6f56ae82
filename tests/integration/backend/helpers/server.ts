import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Dialect } from '../../../../backend/db/adapter';
import { buildServer, type ServerOptions } from '../../../../backend/server/app';
import type { LoginResponse, Mutation } from '../../../../backend/contract';
import { uuidv7 } from '../../../../backend/common/ids';
import { freshDb } from './dialects';

export interface TestBackend {
  url: string;
  /** fetch relative to the backend, JSON body and bearer token when given. */
  call(path: string, init?: { method?: string; json?: unknown; token?: string; headers?: Record<string, string>; body?: string }): Promise<Response>;
  login(username: string, password?: string): Promise<string>;
}

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of running.splice(0)) await close();
});

/** The real server on a real port and a fresh database of the dialect, demo data seeded. */
export async function startBackend(dialect: Dialect, options: Partial<ServerOptions> = {}): Promise<TestBackend> {
  const db = await freshDb(dialect);
  const app = await buildServer({ db, demo: true, open311ApiKey: 'test-key', ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  running.push(() => app.close());
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call: TestBackend['call'] = (path, init = {}) =>
    fetch(url + path, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
      headers: {
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
    });
  return {
    url,
    call,
    async login(username, password = username) {
      const response = await call('/auth/login', { json: { username, password } });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      return ((await response.json()) as LoginResponse).token;
    },
  };
}

let seq = 0;
/** A mutation as a desk would queue it. */
export function mutation(fields: Partial<Mutation> & Pick<Mutation, 'entity' | 'kind' | 'payload'>): Mutation {
  return { client_id: 'desk-1', seq: ++seq, mutation_id: uuidv7(), entity_id: uuidv7(), ...fields };
}

export function ticketPayload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Dziura w jezdni na ul. Grunwaldzkiej', description: 'Głęboka dziura przy przejściu', service_code: 'ZDIZ-DZIURA', created_at: Date.now() - 3_600_000, ...extra };
}
