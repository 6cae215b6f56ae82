import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { toCreateForm } from '../../../main/sync/open311/create-form';
import { Outbox } from '../../../main/store/outbox';
import { startTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';

// What the desk's ticket form adds, carried by the Open311 adapter: service attributes as
// attribute[code], the street and building number as address_string (same style as
// tests/integration/sync/open311-adapter.test.ts, against the real backend process).

const API_KEY = 'demo-open311-key';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const formPayload = (extra: object = {}) => ({
  title: 'Dziura w jezdni',
  description: 'Głęboka dziura przy przejściu',
  service_code: 'ZDIZ-DZIURA',
  channel: 'phone',
  address: 'ul. Floriańska 12B',
  district: 'Stare Miasto',
  kind: 'fault',
  attributes: { zagrozenie: 'tak' },
  street_id: '0960280:05148',
  building: '12B',
  created_at: Date.now(),
  ...extra,
});

describe('Open311 adapter: the ticket form fields', () => {
  it('maps attributes to attribute[code] (lists repeated) and the address to address_string', () => {
    const form = toCreateForm('t-1', JSON.stringify(formPayload({ attributes: { zagrozenie: 'tak', rodzaj: ['a', 'b'] } })));
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.fields).toEqual([
      ['service_code', 'ZDIZ-DZIURA'],
      ['description', 'Głęboka dziura przy przejściu'],
      ['address_string', 'ul. Floriańska 12B'],
      ['attribute[zagrozenie]', 'tak'],
      ['attribute[rodzaj][]', 'a'],
      ['attribute[rodzaj][]', 'b'],
      ['attribute[client_uuid]', 't-1'],
    ]);
  });

  it('a form ticket with a required attribute reaches an Open311 server with it and its address', async () => {
    const city = await testBackend();
    const dataDir = tempDir();
    const desk = startTestCore(dataDir, { pullIntervalMs: 3_600_000 });
    cleanups.push(() => desk.core.close());
    expect(await desk.call('settings.update', { backend: { url: `${city.url}/open311/v2/`, kind: 'open311', open311ApiKey: API_KEY, open311Jurisdiction: '' } })).toMatchObject({ ok: true });
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    const ticketId = randomUUID();
    new Outbox(db).add({ entity: 'ticket', entityId: ticketId, kind: 'create', payload: formPayload() }, Date.now());
    db.close();
    await desk.call('sync.sendNow');
    const settled = await desk.core.syncOnce();
    expect(settled).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    const backendDb = new BetterSqlite3(city.dbFile, { readonly: true });
    try {
      const rows = backendDb.prepare("SELECT service_code, address, attributes FROM tickets WHERE client_ref = ?").all(`open311:${ticketId}`) as { service_code: string; address: string; attributes: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ service_code: 'ZDIZ-DZIURA', address: 'ul. Floriańska 12B' });
      expect(JSON.parse(rows[0]!.attributes)).toMatchObject({ zagrozenie: 'tak' });
    } finally {
      backendDb.close();
    }
  });
});
