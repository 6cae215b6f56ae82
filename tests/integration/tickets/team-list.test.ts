import { describe, expect, it } from 'vitest';
import { signedInTestCore } from '../../helpers/test-desk';
import { backendToken, testBackend } from '../../helpers/test-backend';

const signedInDesk = signedInTestCore;

describe("my team's tickets", () => {
  it('a ticket made at one desk by a consultant shows in her supervisor\'s team list at another desk, offline too, and not to another team', async () => {
    const city = await testBackend();
    const deskA = await signedInDesk(city.url, 'konsultant');
    const deskB = await signedInDesk(city.url, 'kierownik');
    const deskC = await signedInDesk(city.url, 'konsultant2');
    expect((await deskB.ok('auth.status', {})).user?.team).toBe('zespol-1');
    expect((await deskC.ok('auth.status', {})).user?.team).toBe('zespol-2');

    // Desk A pulls the catalogue, then registers a fault report with its routing deadline.
    await deskA.core.syncOnce();
    const [street] = await deskA.ok('tickets.streets', { query: 'floria', limit: 5 });
    expect(street).toBeDefined();
    const made = await deskA.ok('tickets.create', {
      kind: 'fault',
      serviceCode: 'ZDIZ-DZIURA',
      description: 'Głęboka dziura przed przejściem dla pieszych',
      streetId: street!.id,
      building: '12',
      attributes: { zagrozenie: 'nie' },
    });
    expect(made.deadlineAt).toEqual(expect.any(Number));
    // Before it is sent and pulled back, the author's team list already has it (from this desk).
    expect((await deskA.ok('tickets.list', { view: 'team' })).items.map((t) => t.id)).toEqual([made.id]);
    expect(await deskA.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0, lastError: null });

    const pulled = await deskB.core.syncOnce();
    // The renderer reloads its lists on a new lastPulledAt: the pull's end is announced by itself.
    const announced = deskB.events.filter((event) => event.name === 'sync.changed').at(-1)?.payload;
    expect(announced).toMatchObject({ lastPulledAt: pulled.lastPulledAt, pull: { running: false } });
    expect(pulled.lastPulledAt).toEqual(expect.any(Number));
    const teamB = await deskB.ok('tickets.list', { view: 'team' });
    expect(teamB.total).toBe(1);
    expect(teamB.items[0]).toMatchObject({ id: made.id, number: made.number, kind: 'fault', title: made.title, status: 'new', deadlineAt: made.deadlineAt, sync: 'sent' });
    expect((await deskB.ok('tickets.list', { view: 'mine' })).items).toEqual([]);
    // Opened from the list: a read-only view from the pulled summary.
    expect(await deskB.ok('tickets.get', { id: made.id })).toMatchObject({ id: made.id, status: 'new', deadlineAt: made.deadlineAt, unitId: 'zdiz' });

    // Another team's consultant does not see it.
    await deskC.core.syncOnce();
    expect(await deskC.ok('tickets.list', { view: 'team' })).toEqual({ items: [], total: 0 });

    // The back office takes it up: the new status reaches the team list with the next pull.
    const token = await backendToken(city.url, 'kierownik');
    const changed = await fetch(`${city.url}/tickets/${made.id}/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'in_progress' }) });
    expect(changed.status).toBe(204);
    await deskB.core.syncOnce();
    expect((await deskB.ok('tickets.list', { view: 'team', status: 'in_progress' })).items.map((t) => [t.id, t.status])).toEqual([[made.id, 'in_progress']]);
    expect((await deskB.ok('tickets.list', { view: 'team', status: 'new' })).items).toEqual([]);
    expect((await deskB.ok('tickets.list', { view: 'team', query: made.number })).items.map((t) => t.id)).toEqual([made.id]);

    // Offline: the list comes from the replica.
    await city.stop('SIGKILL');
    expect((await deskB.ok('tickets.list', { view: 'team' })).items.map((t) => [t.id, t.status, t.deadlineAt])).toEqual([[made.id, 'in_progress', made.deadlineAt]]);
  });
});
