import { randomUUID } from 'node:crypto';
import { startBackendProcess } from '../helpers/backend-process';
import { readDatabase } from '../helpers/sqlite';
import { testWithBackend } from './city-backend';
import { expect, region } from './fixtures';
import { api, apiLogin, connectDesk, openTicketForm, seriousViolations } from './tickets-helpers';

// Visit booking through the UI against the real backend: offline is said plainly, and a slot another
// desk took meanwhile is refused with the next free slots offered.

const test = testWithBackend;
test.use({ reducedMotion: 'reduce' });

test('a visit is booked; offline says the backend is needed; a slot taken meanwhile offers the next free ones', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  await backend.stop();

  const form = await openTicketForm(page);
  await form.getByRole('radio', { name: 'Wizyta' }).check();
  await expect(form.getByTestId('ticket-visit-unavailable')).toContainText('Rezerwacja wizyty wymaga połączenia z backendem miasta');

  const again = await startBackendProcess(backend.dbFile, backend.port);
  try {
    await form.getByTestId('ticket-visit-unavailable').getByRole('button', { name: 'Spróbuj ponownie' }).click();
    await form.getByRole('combobox', { name: 'Biuro obsługi' }).click();
    await page.getByRole('option', { name: /Biuro Obsługi Mieszkańców – Centrum/ }).click();
    await form.getByRole('combobox', { name: 'Sprawa do załatwienia' }).click();
    await page.getByRole('option', { name: /Dowód osobisty – wniosek/ }).click();
    const slots = form.getByTestId('ticket-visit-slots').getByRole('radio');
    await expect(slots.first()).toBeVisible();
    await form.getByLabel('Imię i nazwisko zgłaszającego (opcjonalnie)').fill('Jan Nowak');
    expect(await seriousViolations(page)).toEqual([]);
    await slots.first().check();

    // Another desk books the same slot a moment before this one saves.
    const other = await apiLogin(again.url, 'kierownik');
    const free = (await (await api(again.url, other, '/visits/slots?office_id=bom-centrum&service_id=dowod&limit=3')).json()) as { slots: { starts_at: number }[] };
    const first = free.slots[0]!.starts_at;
    const taken = await api(again.url, other, '/visits/bookings', { id: randomUUID(), office_id: 'bom-centrum', service_id: 'dowod', starts_at: first, resident_name: 'Inna osoba' });
    expect(taken.status).toBe(201);

    await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
    await expect(form.getByTestId('ticket-visit-taken')).toContainText('został właśnie zajęty przez kogoś innego');
    await expect(form.getByText('Najbliższe wolne terminy')).toBeVisible();
    // The taken slot is no longer offered; the first one now is the next free slot.
    await expect(slots.first()).not.toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    await slots.first().check();
    await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
    await expect(form).toBeHidden();

    const tickets = region(page, 'Zgłoszenia');
    await expect(tickets.getByTestId('ticket-visit-booked')).toContainText('Dowód osobisty – wniosek – Biuro Obsługi Mieszkańców – Centrum');
    await expect(page.getByTestId('status-unsent')).toHaveText('Niewysłane: 0');
    const bookings = readDatabase(backend.dbFile, (db) => db.prepare('SELECT starts_at, resident_name, ticket_id FROM visit_bookings ORDER BY starts_at').all() as { starts_at: number; resident_name: string; ticket_id: string | null }[]);
    expect(bookings).toHaveLength(2);
    expect(bookings[0]).toMatchObject({ starts_at: first, resident_name: 'Inna osoba' });
    expect(bookings[1]).toMatchObject({ starts_at: free.slots[1]!.starts_at, resident_name: 'Jan Nowak' });
    const stored = readDatabase(backend.dbFile, (db) => db.prepare('SELECT id, kind, title FROM tickets').all());
    expect(stored).toEqual([{ id: bookings[1]!.ticket_id, kind: 'visit', title: 'Wizyta: Dowód osobisty – wniosek' }]);
  } finally {
    await again.stop();
  }
});
