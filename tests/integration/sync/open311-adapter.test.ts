import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TicketStatus } from '../../../backend/contract';
import { DATABASE_FILE } from '../../../main/core/core';
import { Open311Client } from '../../../main/sync/open311/open311-client';
import { Outbox } from '../../../main/store/outbox';
import { ParkedItem } from '../../../preload/contract';
import type { BackendProcess } from '../../helpers/backend-process';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { FaultProxy } from '../../helpers/fault-proxy';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

const API_KEY = 'demo-open311-key'; // the backend's key with --demo
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backend = testBackend;

/** A desk whose backend is an Open311 server: no sign-in, the api_key instead. */
async function open311Desk(baseUrl: string, dataDir = tempDir()): Promise<TestCore> {
  const desk = startTestCore(dataDir, { pullIntervalMs: 3_600_000 });
  cleanups.push(() => desk.core.close());
  const saved = await desk.call('settings.update', { backend: { url: `${baseUrl}/open311/v2/`, kind: 'open311', open311ApiKey: API_KEY, open311Jurisdiction: '' } });
  expect(saved).toMatchObject({ ok: true });
  return desk;
}

/** Queues rows the way the desk's use-cases do (the outbox of the desk's own database). */
function queue(dataDir: string, entries: { entity: string; entityId?: string; kind: string; payload: object }[]): string[] {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  try {
    const outbox = new Outbox(db);
    return entries.map((e) => outbox.add({ entity: e.entity, entityId: e.entityId ?? randomUUID(), kind: e.kind, payload: e.payload }, Date.now()));
  } finally {
    db.close();
  }
}

function ticket(overrides: object = {}): object {
  return { title: 'Porzucony wrak', description: 'Auto bez tablic od miesiąca', service_code: 'SM-POJAZD', lat: 52.23, long: 21.01, created_at: Date.now(), ...overrides };
}

function backendRows<T>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function replicaStatuses(dataDir: string): TicketStatus[] {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT data FROM replica_records WHERE entity = 'ticket_status' ORDER BY id`).pluck().all() as string[]).map((d) => TicketStatus.parse(JSON.parse(d)));
  } finally {
    db.close();
  }
}

async function parked(desk: TestCore): Promise<ParkedItem[]> {
  const reply = await desk.call('outbox.parked');
  return reply.ok ? ParkedItem.array().parse(reply.result) : [];
}

async function setStatus(city: BackendProcess, ticketId: string, status: string, note: string): Promise<void> {
  const login = await fetch(new URL('auth/login', `${city.url}/`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kierownik', password: 'kierownik' }) });
  const { token } = (await login.json()) as { token: string };
  const changed = await fetch(new URL(`tickets/${ticketId}/status`, `${city.url}/`), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ status, note }) });
  expect(changed.status).toBe(204);
}

describe('Open311 client adapter against the reference backend', () => {
  it('parses the service list and a service definition', async () => {
    const city = await backend();
    const client = new Open311Client({ baseUrl: `${city.url}/open311/v2`, apiKey: API_KEY });
    const services = await client.services();
    expect(services.length).toBeGreaterThan(5);
    expect(services.find((s) => s.service_code === 'ZDIZ-DZIURA')).toMatchObject({ service_name: 'Dziura w jezdni', metadata: true });
    const definition = await client.serviceDefinition('ZDIZ-DZIURA');
    expect(definition.attributes[0]).toMatchObject({ code: 'zagrozenie', required: true });
    expect(client.serverNow()).not.toBeNull(); // measured from the Date header
  });

  it('delivers a queued ticket create as exactly one Open311 request, even when the reply is lost after the commit', async () => {
    const city = await backend();
    const proxy = new FaultProxy({ host: '127.0.0.1', port: city.port });
    const proxyUrl = await proxy.start();
    cleanups.push(() => proxy.stop());
    const posts: string[] = [];
    proxy.onRequest = (line) => line.startsWith('POST') && posts.push(line);
    const dataDir = tempDir();
    const desk = await open311Desk(proxyUrl, dataDir);
    // The reachability probe (GET services.json) goes through the proxy too, and the round the
    // settings change started: let both finish before the fault is armed.
    while (desk.core.status().backend === 'checking') await new Promise((done) => setTimeout(done, 20));
    await desk.core.syncOnce();
    const ticketId = randomUUID();
    queue(dataDir, [{ entity: 'ticket', entityId: ticketId, kind: 'create', payload: ticket() }]);

    proxy.fault = { mode: 'cut-reply', times: 1 };
    const cut = await desk.core.syncOnce();
    expect(proxy.cuts).toBe(1);
    expect(cut.unsentCount).toBe(1); // not acknowledged: the reply never came
    expect(cut.state === 'offline' || cut.state === 'waiting').toBe(true);
    const clientRef = `open311:${ticketId}`;
    expect(backendRows(city.dbFile, 'SELECT id FROM tickets WHERE client_ref = ?', clientRef)).toHaveLength(1); // committed before the cut

    proxy.fault = { mode: 'pass' };
    await desk.call('sync.sendNow');
    const settled = await desk.core.syncOnce();
    expect(settled).toMatchObject({ unsentCount: 0, needsReviewCount: 0, state: 'idle', lastError: null });
    expect(backendRows(city.dbFile, "SELECT id FROM tickets WHERE channel = 'open311'")).toHaveLength(1);
    // The retry found the request by looking it up, so it did not even post again.
    expect(posts).toHaveLength(1);
  });

  it('a repeated POST with the same client_uuid and Idempotency-Key gets the same request back', async () => {
    const city = await backend();
    const client = new Open311Client({ baseUrl: `${city.url}/open311/v2/`, apiKey: API_KEY });
    const fields: [string, string][] = [['service_code', 'SM-POJAZD'], ['description', 'Wrak'], ['address_string', 'Marszałkowska 1'], ['attribute[client_uuid]', randomUUID()]];
    const first = await client.create(fields, '0190a6f0-0000-7000-8000-000000000001');
    const again = await client.create(fields, '0190a6f0-0000-7000-8000-000000000001');
    expect(first.serviceRequestId).toBeTruthy();
    expect(again).toEqual({ serviceRequestId: first.serviceRequestId, token: null, replayed: true });
  });

  it('parks a description over 4000 characters and anything that is not a ticket create, with clear reasons', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await open311Desk(city.url, dataDir);
    queue(dataDir, [
      { entity: 'ticket', kind: 'create', payload: ticket({ description: 'x'.repeat(4001) }) },
      { entity: 'agent_state', kind: 'create', payload: { state: 'available', reason: null, changedAt: Date.now() } },
      { entity: 'ticket', kind: 'create', payload: ticket() },
    ]);
    const status = await desk.core.syncOnce();
    expect(status).toMatchObject({ unsentCount: 2, needsReviewCount: 2, state: 'idle' });
    const reasons = (await parked(desk)).map((item) => item.reason);
    expect(reasons[0]).toMatch(/^open311_description_too_long: .*4001.*at most 4000/);
    expect(reasons[1]).toMatch(/^not_supported_by_open311: /);
    expect(backendRows(city.dbFile, "SELECT id FROM tickets WHERE channel = 'open311'")).toHaveLength(1); // the good one went through
  });

  it('parks what the server refuses with its reason, and waits without parking when the api_key is wrong', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await open311Desk(city.url, dataDir);
    queue(dataDir, [{ entity: 'ticket', kind: 'create', payload: ticket({ service_code: 'NO-SUCH-SERVICE' }) }]);
    await desk.core.syncOnce();
    expect((await parked(desk))[0]?.reason).toMatch(/^open311_refused: .*NO-SUCH-SERVICE/);

    await desk.call('settings.update', { backend: { url: `${city.url}/open311/v2/`, kind: 'open311', open311ApiKey: 'wrong', open311Jurisdiction: '' } });
    queue(dataDir, [{ entity: 'ticket', kind: 'create', payload: ticket() }]);
    const refused = await desk.core.syncOnce();
    expect(refused).toMatchObject({ state: 'waiting', unsentCount: 2, needsReviewCount: 1 });
    expect(refused.lastError).toMatch(/^open311_api_key_refused/);
  });

  it('applies status changes made on the backend through overlapping update windows, each once', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await open311Desk(city.url, dataDir);
    const ids = [randomUUID(), randomUUID()];
    queue(dataDir, ids.map((entityId) => ({ entity: 'ticket', entityId, kind: 'create', payload: ticket() })));
    expect(await desk.core.syncOnce()).toMatchObject({ unsentCount: 0 });
    const serverIds = ids.map((id) => backendRows<{ id: string }>(city.dbFile, 'SELECT id FROM tickets WHERE client_ref = ?', `open311:${id}`)[0]!.id);

    await setStatus(city, serverIds[0]!, 'in_progress', 'Zlecono odholowanie');
    await setStatus(city, serverIds[1]!, 'fixed', 'Odholowano');
    const first = await desk.core.syncOnce();
    expect(first.pull.applied).toBe(2);
    expect(replicaStatuses(dataDir)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ticket_id: ids[0], status: 'in_progress', status_note: 'Zlecono odholowanie', service_code: 'SM-POJAZD' }),
        expect.objectContaining({ ticket_id: ids[1], status: 'fixed', status_note: 'Odholowano' }),
      ]),
    );

    // The next window overlaps the last one by 10 minutes: the same updates come back and are skipped.
    const again = await desk.core.syncOnce();
    expect(again.pull.applied).toBe(0);

    await setStatus(city, serverIds[0]!, 'rejected', 'To nie wrak');
    const third = await desk.core.syncOnce();
    expect(third.pull.applied).toBe(1);
    expect(replicaStatuses(dataDir).find((s) => s.ticket_id === ids[0])).toMatchObject({ status: 'rejected', status_note: 'To nie wrak' });
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM open311_seen_updates').pluck().get()).toBe(3);
    db.close();
  });

  it('falls back to GET requests by id when the server has no servicerequestupdates', async () => {
    const city = await backend();
    const dataDir = tempDir();
    const desk = await open311Desk(city.url, dataDir);
    const id = randomUUID();
    queue(dataDir, [{ entity: 'ticket', entityId: id, kind: 'create', payload: ticket() }]);
    await desk.core.syncOnce();
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    db.prepare('INSERT INTO desk_meta (key, value) VALUES (?, ?)').run(`open311:no_updates_extension:${city.url}/open311/v2/#`, String(Date.now()));
    db.close();
    const serverId = backendRows<{ id: string }>(city.dbFile, 'SELECT id FROM tickets WHERE client_ref = ?', `open311:${id}`)[0]!.id;
    await new Promise((done) => setTimeout(done, 1100)); // updated_datetime has whole seconds
    await setStatus(city, serverId, 'closed', 'Zamknięte');
    expect((await desk.core.syncOnce()).pull.applied).toBe(1);
    expect(replicaStatuses(dataDir)[0]).toMatchObject({ ticket_id: id, status: 'closed', status_note: 'Zamknięte' });
    expect((await desk.core.syncOnce()).pull.applied).toBe(0);
  });
});

