import { join } from 'node:path';
import { openStore } from '../../main/store/database';
import { Outbox } from '../../main/store/outbox';
import { uuidv7 } from '../../main/store/ids';
import { CatalogueCache } from '../../main/tickets/catalogue';
import { TicketStore } from '../../main/tickets/ticket-store';
import { TicketInput, checkTicket } from '../../preload/contract';
import { benchDir } from './files';
import { percentile, result, round, type BenchResult } from './stats';

const SERVICE = {
  service_code: 'ZDIZ-DZIURA', service_name: 'Dziura w jezdni', description: '', group: 'Drogi', keywords: [], type: 'realtime', unit_id: 'zdiz', response_hours: 24,
  attributes: [{ code: 'zagrozenie', variable: true, datatype: 'singlevaluelist', required: true, datatype_description: '', order: 1, description: 'Zagrożenie', values: [{ key: 'tak', name: 'Tak' }, { key: 'nie', name: 'Nie' }] }],
};

function openBenchStore(name: string) {
  const opened = openStore(join(benchDir(name), 'desk.sqlite'));
  if (!opened.ok) throw new Error('store did not open');
  const db = opened.db;
  db.prepare(`INSERT INTO replica_records (entity, id, data, pulled_at) VALUES ('service', ?, ?, 1)`).run(SERVICE.service_code, JSON.stringify(SERVICE));
  const catalogue = new CatalogueCache(db);
  return { db, catalogue, store: new TicketStore(db, new Outbox(db), catalogue) };
}

const input = (i: number) =>
  TicketInput.parse({ kind: 'fault', serviceCode: 'ZDIZ-DZIURA', description: `Dziura w jezdni nr ${i}`, streetId: '0950463-00001', building: String(1 + (i % 90)), attributes: { zagrozenie: i % 2 ? 'tak' : 'nie' }, callerName: 'Jan Kowalski' });

/** Save: validation against the catalogue, ticket row and outbox entry in one transaction (WAL, synchronous=NORMAL as the desk runs). */
export async function ticketsSave(): Promise<BenchResult> {
  const { db, catalogue, store } = openBenchStore('tickets-save');
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    const parsed = input(i);
    if (checkTicket(parsed, catalogue.service(parsed.serviceCode)).length > 0) throw new Error('invalid bench input');
    const now = Date.now();
    store.create({ id: uuidv7(now), input: parsed, title: 'Dziura w jezdni', streetName: 'ul. Floriańska', unitId: 'zdiz', deadlineAt: now + 3600_000, userId: 'u1', now });
    samples.push(performance.now() - started);
  }
  db.close();
  return result('tickets-save', 'tickets.create local commit (check, ticket + outbox in one transaction), 2000 saves', { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)) }, { figure: 'p99_ms', max: 20 });
}

/** Filtered lists over 100,000 tickets: mine, overdue, by status, with a search text. */
export async function ticketsList(): Promise<BenchResult> {
  const { db, store } = openBenchStore('tickets-list');
  const insert = db.prepare(`INSERT INTO tickets (id, number, kind, channel, title, service_code, description, street_id, street_name, building, status, deadline_at, created_by, created_at, updated_at)
    VALUES (?, ?, 'fault', 'phone', ?, 'ZDIZ-DZIURA', '', ?, ?, '1', ?, ?, ?, ?, ?)`);
  const statuses = ['new', 'forwarded', 'in_progress', 'resolved', 'rejected', 'duplicate'];
  const start = Date.now() - 200 * 24 * 3600_000;
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      const at = start + i * 170_000;
      insert.run(`t-${i}`, `Z-${String(i).padStart(6, '0')}`, `Dziura ${i}`, `s-${i % 2800}`, `ul. Ulica ${i % 2800}`, statuses[i % 6], at + 3 * 24 * 3600_000, `u${i % 20}`, at, at);
    }
  })();
  db.exec('ANALYZE');
  const now = Date.now();
  const queries = [
    { view: 'mine', query: '', sort: 'newest', limit: 100 },
    { view: 'overdue', query: '', sort: 'deadline', limit: 100 },
    { view: 'team', query: '', sort: 'newest', limit: 100, status: 'in_progress' },
    { view: 'team', query: 'Ulica 12', sort: 'newest', limit: 100 },
    { view: 'mine', query: 'Z-0000', sort: 'oldest', limit: 100 },
  ] as const;
  const samples: number[] = [];
  for (let round_ = 0; round_ < 100; round_++) {
    for (const q of queries) {
      const started = performance.now();
      store.list({ ...q }, `u${round_ % 20}`, now);
      samples.push(performance.now() - started);
    }
  }
  db.close();
  return result('tickets-list', 'tickets.list over 100,000 tickets (mine, overdue, by status, text search), 500 queries', { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)) }, { figure: 'p99_ms', max: 30 });
}
