import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { Outbox } from '../../../../main/store/outbox';
import { CatalogueCache } from '../../../../main/tickets/catalogue';
import { TicketStore } from '../../../../main/tickets/ticket-store';
import { databaseAt, isStrict, queryPlan, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

let db: Database | undefined;
afterEach(() => db?.close());

describe('migration 009: tickets', () => {
  it('creates strict tables for tickets, links, drafts, attachments and streets', () => {
    db = databaseAt(join(tempDir(), 'desk.sqlite'), 9);
    for (const table of ['tickets', 'ticket_links', 'ticket_drafts', 'ticket_attachments', 'streets']) expect(isStrict(db, table)).toBe(true);
    expect(tableColumns(db, 'tickets')).toEqual(expect.arrayContaining(['kind', 'service_code', 'street_id', 'deadline_at', 'feedback', 'call_id', 'contact_id']));
    expect(() => db!.prepare(`INSERT INTO tickets (id, number, kind, channel, title, description, status, created_at, updated_at) VALUES ('a', 'n', 'fault', 'phone', 't', '', 'zły', 1, 1)`).run()).toThrow(/CHECK/);
  });

  it('answers the hot queries from indexes', () => {
    db = databaseAt(join(tempDir(), 'desk.sqlite'));
    // The store prepares its statements (with INDEXED BY) against the schema: it must not throw.
    expect(() => new TicketStore(db!, new Outbox(db!), new CatalogueCache(db!))).not.toThrow();
    expect(queryPlan(db, `SELECT * FROM tickets INDEXED BY tickets_by_author WHERE created_by IS ? ORDER BY created_at DESC LIMIT 100`, 'u').join(' ')).toContain('USING INDEX tickets_by_author');
    expect(queryPlan(db, `SELECT * FROM tickets WHERE status IN ('new', 'forwarded', 'in_progress') AND deadline_at < ? ORDER BY deadline_at LIMIT 100`, 1).join(' ')).toContain('tickets_open_by_deadline');
    expect(queryPlan(db, `SELECT * FROM tickets WHERE service_code = ? AND street_id = ? AND created_at >= ?`, 'a', 'b', 1).join(' ')).toContain('USING INDEX tickets_by_service_street');
    expect(queryPlan(db, `SELECT id FROM streets WHERE fold >= ? AND fold < ? ORDER BY fold LIMIT 10`, 'a', 'b').join(' ')).toContain('streets_by_fold');
    expect(queryPlan(db, `SELECT id FROM replica_records WHERE entity = 'ticket_status' AND pulled_at > ?`, 0).join(' ')).toContain('replica_records_by_pulled');
    // Attachments: a ticket's files, and the files still to send (a partial index of the few waiting).
    expect(queryPlan(db, `SELECT id FROM ticket_attachments WHERE ticket_id = ? ORDER BY created_at`, 't').join(' ')).toContain('ticket_attachments_by_ticket');
    expect(queryPlan(db, `SELECT id FROM ticket_attachments WHERE uploaded_at IS NULL ORDER BY created_at LIMIT 50`).join(' ')).toContain('ticket_attachments_to_upload');
    expect(tableColumns(db, 'tickets')).toContain('visit');
  });
});
