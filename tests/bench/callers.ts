import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ContactRepository } from '../../main/callers/contact-repository';
import { CALLS_BY_CONTACT, CALLS_BY_NUMBER, CONVERSATIONS_BY_CONTACT, TICKETS_BY_CALL, TICKETS_BY_CONTACT, historyOf } from '../../main/callers/history';
import { contactTerms } from '../../main/callers/search-terms';
import { migrate } from '../../main/store/database';
import { MIGRATIONS } from '../../main/store/migrations';
import { benchDir } from './files';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';
import { parseCsv } from '../../main/classifier/csv';

/*
 * Caller card: 200,000 contacts, 1,000,000 calls, 500,000 tickets in a real SQLite file, shaped
 * after the real 311 data (Warsaw 19115 streets and districts, NYC 311 addresses, statuses and the
 * spread of report times; callers whose call counts follow a long tail, as at a city line), then
 * the screen pop's lookup plus history query timed against a LIKE-on-raw-number baseline.
 */

const CONTACTS = 200_000;
const CALLS = 1_000_000;
const TICKETS = 500_000;
const SAMPLES = 5_000;
const BASELINE_SAMPLES = 15;
const DATA = resolve('../shared/data');

/** A small deterministic generator (mulberry32): the same store on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shapes {
  addresses: string[];
  statuses: string[];
  /** Report times (ms), to spread calls and tickets as the real ones are spread over days and hours. */
  hours: number[];
}

export function shapes(): Shapes {
  const nyc = parseCsv(readFileSync(join(DATA, 'nyc311/nyc311_combined_sample.csv'), 'utf8'));
  const header = nyc[0]!;
  const col = (name: string): number => header.indexOf(name);
  const addresses: string[] = [];
  const statuses: string[] = [];
  const hours: number[] = [];
  const statusMap: Record<string, string> = { Closed: 'closed', Open: 'open', Pending: 'in_progress', Assigned: 'forwarded', Started: 'in_progress' };
  for (const row of nyc.slice(1)) {
    const address = row[col('incident_address')];
    if (address) addresses.push(`${address}, ${row[col('borough')] ?? ''}`);
    statuses.push(statusMap[row[col('status')] ?? ''] ?? 'closed');
    const created = Date.parse(row[col('created_date')] ?? '');
    if (Number.isFinite(created)) hours.push(new Date(created).getUTCHours());
  }
  for (const line of readFileSync(join(DATA, 'warsaw19115/zgloszenia_2014-03-15.tsv'), 'utf8').split('\n').slice(1)) {
    const [, , , district, street, building] = line.split('\t');
    if (street) addresses.push(`ul. ${street} ${building ?? ''}, ${district ?? 'Warszawa'}`.replace(/\s+/g, ' '));
  }
  return { addresses, statuses, hours };
}

const FIRST = ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Elżbieta', 'Zofia', 'Jan', 'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Stanisław', 'Łukasz'];
const LAST = ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski'];

/** NYC 311's status words as the desk's ticket lifecycle (migration 009). */
const LIFECYCLE: Record<string, string> = { open: 'new', forwarded: 'forwarded', in_progress: 'in_progress', closed: 'resolved' };
const TITLES = ['Uszkodzona latarnia', 'Dziura w jezdni', 'Nieodebrane odpady', 'Hałas w nocy', 'Zniszczona ławka', 'Nielegalne wysypisko', 'Awaria sygnalizacji'];

export function build(db: Database, shape: Shapes): { callNumbers: string[] } {
  const rand = random(19115);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = Date.UTC(2026, 0, 15);
  const phoneOf = (i: number): string => `+48${500_000_000 + i * 7}`;
  const insertContact = db.prepare(`INSERT INTO contacts (id, name, last_seen_at, created_at, updated_at, consent_basis, consent_at, consent_by) VALUES (?, ?, ?, ?, ?, 'consent', ?, 'bench')`);
  const insertPhone = db.prepare('INSERT OR IGNORE INTO contact_phones (e164, contact_id) VALUES (?, ?)');
  const insertAddress = db.prepare('INSERT INTO contact_addresses (contact_id, position, text) VALUES (?, 0, ?)');
  const insertTerm = db.prepare('INSERT OR IGNORE INTO contact_terms (term, contact_id) VALUES (?, ?)');
  const insertFlag = db.prepare('INSERT INTO contact_flags (contact_id, flag) VALUES (?, ?)');
  const phones: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) {
      const id = `c${i}`;
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const address = pick(shape.addresses);
      insertContact.run(id, name, now, now, now, now);
      // 3 % share a landline with the contact before them (a family, an institution).
      const phone = i > 0 && rand() < 0.03 ? phones[i - 1]! : phoneOf(i);
      phones.push(phone);
      insertPhone.run(phone, id);
      insertAddress.run(id, address);
      for (const term of contactTerms(name, [address])) insertTerm.run(term, id);
      if (rand() < 0.02) insertFlag.run(id, pick(['hearing_impaired', 'prefers_sms', 'vulnerable']));
    }
  })();
  // Calls: a long tail of callers (a few call hundreds of times), 10 % from numbers with no contact.
  const insertCall = db.prepare(
    `INSERT INTO call_log (id, direction, remote_number, remote_e164, started_at, ended_at, duration_ms, outcome, notes, contact_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO call_tickets (call_id, ticket_id) VALUES (?, ?)');
  // Tickets in the desk's tickets table (migration 009): made for a contact during a call, or without one.
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, number, kind, channel, title, description, status, deadline_at, contact_id, call_id, created_at, updated_at) VALUES (?, ?, 'fault', 'phone', ?, '', ?, ?, ?, ?, ?, ?)`,
  );
  const ticket = (id: string, createdAt: number, contactId: string | null, callId: string | null): void => {
    const status = LIFECYCLE[pick(shape.statuses)] ?? 'resolved';
    insertTicket.run(id, `Z-${id.toUpperCase()}`, pick(TITLES), status, createdAt + 5 * 86_400_000, contactId, callId, createdAt, createdAt);
  };
  const callNumbers: string[] = [];
  const outcomes = ['answered', 'answered', 'answered', 'answered', 'missed', 'abandoned', 'transferred'];
  let tickets = 0;
  db.transaction(() => {
    for (let i = 0; i < CALLS; i++) {
      const unknown = rand() < 0.1;
      const contact = Math.floor(CONTACTS * rand() ** 3); // skewed toward low ids: frequent callers
      const e164 = unknown ? `+4822${String(Math.floor(rand() * 9_000_000) + 1_000_000)}` : phones[contact]!;
      const day = Math.floor(rand() * 730);
      const startedAt = now - day * 86_400_000 - (24 - pick(shape.hours)) * 3_600_000 + Math.floor(rand() * 3_600_000);
      const id = `k${i}`;
      insertCall.run(id, rand() < 0.85 ? 'inbound' : 'outbound', e164, e164, startedAt, startedAt + 120_000, 90_000, pick(outcomes), rand() < 0.3 ? 'Zgłoszenie awarii oświetlenia ulicznego' : '', unknown ? null : `c${contact}`);
      callNumbers.push(e164);
      if (tickets < TICKETS && rand() < TICKETS / CALLS + 0.02) {
        const ticketId = `t${tickets++}`;
        insertLink.run(id, ticketId);
        ticket(ticketId, startedAt, unknown ? null : `c${contact}`, id);
      }
    }
  })();
  db.transaction(() => {
    while (tickets < TICKETS) ticket(`t${tickets++}`, now - Math.floor(rand() * 730) * 86_400_000, null, null);
  })();
  db.exec('ANALYZE');
  return { callNumbers };
}

/** The screen pop's work in the core: who is on the number, their contact, and the history. */
function screenPop(db: Database, repo: ContactRepository, e164: string): number {
  const ids = repo.idsOnNumber(e164);
  if (ids.length === 1) {
    const contact = repo.get(ids[0]!)!;
    return historyOf(db, { contactIds: [contact.id, ...repo.mergedInto(contact.id)], phones: contact.phones.map((p) => p.e164) }, 100).timeline.length;
  }
  return historyOf(db, { contactIds: [], phones: [e164] }, 100).timeline.length;
}

/** The naive desk: the raw number matched with LIKE, no normalized column to seek on. */
function screenPopLike(db: Database, e164: string): number {
  const digits = `%${e164.slice(-9)}`;
  const contacts = db.prepare('SELECT contact_id FROM contact_phones WHERE e164 LIKE ?').pluck().all(digits);
  const calls = db.prepare('SELECT id, started_at, outcome, notes FROM call_log WHERE remote_number LIKE ? ORDER BY started_at DESC LIMIT 100').all(digits);
  return contacts.length + calls.length;
}

function assertPlans(db: Database): void {
  const plan = (sql: string, ...args: unknown[]): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
  const checks: [string, RegExp][] = [
    [plan('SELECT contact_id FROM contact_phones WHERE e164 = ?', '+48500000000'), /SEARCH contact_phones USING PRIMARY KEY/],
    [plan(CALLS_BY_NUMBER, '+48500000000', 100), /SEARCH call_log USING INDEX call_log_by_e164/],
    [plan(CALLS_BY_CONTACT, 'c1', 100), /SEARCH call_log USING INDEX call_log_by_contact/],
    [plan('SELECT id FROM contacts WHERE merged_into = ?', 'c1'), /SEARCH contacts USING (COVERING )?INDEX contacts_by_merged_into \(merged_into=\?\)/],
    [plan(TICKETS_BY_CALL, 'k1'), /SEARCH tickets USING INDEX tickets_by_call \(call_id=\?\)/],
    [plan(CONVERSATIONS_BY_CONTACT, '+48500000000'), /SEARCH chat_conversations USING INDEX chat_conversations_by_resident_contact \(resident_contact=\?\)/],
  ];
  // A contact's newest tickets in index order (a frequent caller has thousands): no sort step.
  const byContact = plan(TICKETS_BY_CONTACT, 'c1');
  if (!/SEARCH tickets USING INDEX tickets_by_contact_created \(contact_id=\?\)/.test(byContact) || /TEMP B-TREE/.test(byContact)) throw new Error(`query plan does not use its index: ${byContact}`);
  for (const [detail, expected] of checks) {
    if (!expected.test(detail) || /TEMP B-TREE/.test(detail)) throw new Error(`query plan does not use its index: ${detail}`);
  }
}

export async function callersLookup(): Promise<BenchResult> {
  const dir = benchDir('callers');
  const db = new BetterSqlite3(join(dir, 'desk.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  migrate(db, MIGRATIONS);
  const started = performance.now();
  const { callNumbers } = build(db, shapes());
  const buildSeconds = (performance.now() - started) / 1000;
  assertPlans(db);
  const repo = new ContactRepository(db);
  const rand = random(311);
  const sample = (): string => callNumbers[Math.floor(rand() * callNumbers.length)]!;
  for (let i = 0; i < 500; i++) screenPop(db, repo, sample()); // warm up
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const e164 = sample();
    const t = performance.now();
    items += screenPop(db, repo, e164);
    times.push(performance.now() - t);
  }
  const baseline: number[] = [];
  for (let i = 0; i < BASELINE_SAMPLES; i++) {
    const e164 = sample();
    const t = performance.now();
    screenPopLike(db, e164);
    baseline.push(performance.now() - t);
  }
  const counts = db.prepare(`SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM call_log) AS calls, (SELECT count(*) FROM tickets) AS tickets`).get() as Record<string, number>;
  db.close();
  return result(
    'callers-lookup',
    `screen pop in the core (number → contacts → card → history of 100, newest first) on ${counts.contacts} contacts, ${counts.calls} calls, ${counts.tickets} tickets; baseline: LIKE on the raw number`,
    {
      p50_ms: round(percentile(times, 50)),
      p99_ms: round(percentile(times, 99)),
      max_ms: round(Math.max(...times)),
      mean_items: round(items / SAMPLES, 1),
      baseline_like_p50_ms: round(percentile(baseline, 50)),
      baseline_like_p99_ms: round(percentile(baseline, 99)),
      build_s: round(buildSeconds, 1),
    },
    { figure: 'p99_ms', max: 5 },
  );
}
