import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE } from '../../../../main/tickets/ticket-store';
import { TeamTickets, teamTicketsQuery } from '../../../../main/tickets/team-tickets';
import { databaseAt, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

const base = { query: '', sort: 'newest', limit: 100 } as const;

describe('migration 015: the team list reads pulled ticket statuses by team', () => {
  it('searches the team index, newest first without a sort step', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 15);
    const { sql, values } = teamTicketsQuery(base, 'zespol-1', LIFECYCLE);
    const plan = queryPlan(db, sql, values).join('\n');
    expect(plan).toMatch(/SEARCH r USING INDEX replica_ticket_status_by_team \(<expr>=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    // Filtered by status and text, still from the index.
    const filtered = teamTicketsQuery({ ...base, status: 'resolved', query: 'latarnia' }, 'zespol-1', LIFECYCLE);
    expect(queryPlan(db, filtered.sql, filtered.values).join('\n')).toMatch(/SEARCH r USING INDEX replica_ticket_status_by_team/);
    db.close();
  });

  it('returns only the team\'s records, in order, with status and text filters', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 15);
    const put = db.prepare(`INSERT INTO replica_records (entity, id, data, pulled_at) VALUES (?, ?, ?, 1)`);
    const record = (id: string, team: string | null, status: string, title: string, reportedAt: number) =>
      JSON.stringify({ ticket_id: id, status, status_note: null, service_code: null, unit_id: null, updated_at: '2025-03-12T12:00:00+01:00', team, title, reported_at: reportedAt });
    put.run('ticket_status', 'a', record('a', 'zespol-1', 'open', 'Dziura w jezdni', 1000));
    put.run('ticket_status', 'b', record('b', 'zespol-1', 'fixed', 'Awaria latarni', 2000));
    put.run('ticket_status', 'c', record('c', 'zespol-2', 'open', 'Dziura w chodniku', 3000));
    put.run('ticket_status', 'd', record('d', null, 'open', 'Open311', 4000));
    // An older record without the team fields still parses and is simply not in any team.
    put.run('ticket_status', 'e', JSON.stringify({ ticket_id: 'e', status: 'open', status_note: null, service_code: null, unit_id: null, updated_at: '2025-03-12T12:00:00+01:00' }));
    put.run('service', 'a', JSON.stringify({ team: 'zespol-1' }));
    const team = new TeamTickets(db);
    const ids = (params: Parameters<TeamTickets['find']>[0], name = 'zespol-1') => team.find(params, name, LIFECYCLE, 500).records.map((r) => r.ticket_id);
    expect(ids(base)).toEqual(['b', 'a']);
    expect(ids({ ...base, sort: 'oldest' })).toEqual(['a', 'b']);
    expect(ids({ ...base, status: 'resolved' })).toEqual(['b']);
    expect(ids({ ...base, query: 'dziura' })).toEqual(['a']);
    expect(ids(base, 'zespol-2')).toEqual(['c']);
    expect(team.find(base, 'zespol-1', LIFECYCLE, 500).total).toBe(2);
    db.close();
  });
});
