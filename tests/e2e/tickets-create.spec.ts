import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { startBackendProcess } from '../helpers/backend-process';
import { readDatabase } from '../helpers/sqlite';
import { testWithBackend } from './city-backend';
import { expect, region, statusBar } from './fixtures';
import { seriousViolations } from './axe';
import { connectDesk } from './tickets-helpers';

// Tickets through the UI against the real reference backend (backend/main.ts --demo).

const test = testWithBackend;
test.use({ reducedMotion: 'reduce' });

async function openForm(page: Page) {
  await region(page, 'Zgłoszenia').getByRole('button', { name: 'Nowe zgłoszenie' }).click();
  const form = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
  await expect(form).toBeVisible();
  return form;
}

async function chooseStreet(page: Page, form: ReturnType<Page['getByRole']>, typed: string, option: RegExp) {
  await form.getByRole('combobox', { name: /^Ulica/ }).fill(typed);
  await page.getByRole('option', { name: option }).click();
}

test('a fault report created offline waits in the outbox and reaches the backend when it is back', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  await backend.stop();

  const form = await openForm(page);
  // Saving an empty form: the fields say what is missing, in Polish, and nothing is saved.
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form.getByTestId('ticket-form-errors')).toContainText('Popraw 3 pola zaznaczone poniżej.');
  await expect(form).toContainText('To pole jest wymagane.');
  expect(await seriousViolations(page)).toEqual([]);

  await form.getByLabel('Opis sprawy').fill('Głęboka dziura w jezdni tuż przy przejściu dla pieszych');
  // The suggestion from the description picks the category and shows its unit.
  await form.getByTestId('ticket-suggestions').getByRole('button', { name: /Dziura w jezdni/ }).click();
  await expect(form.getByTestId('ticket-route')).toContainText('Jednostka: Zarząd Dróg i Zieleni');
  // The service's own required attribute now appears and is checked.
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form.getByRole('radiogroup', { name: 'Zagrożenie dla ludzi lub ruchu' })).toBeVisible();
  await form.getByRole('radio', { name: 'Tak, bezpośrednie zagrożenie' }).check();
  await chooseStreet(page, form, 'asnyk', /ul\. Adama Asnyka/);
  await expect(form.getByTestId('ticket-district')).toHaveValue('Stare Miasto');
  await form.getByLabel(/^Numer budynku/).fill('12 b');
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toContainText('Numer budynku ma postać np. 12, 12A albo 12/3.');
  await form.getByLabel(/^Numer budynku/).fill('12B');
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();

  const tickets = region(page, 'Zgłoszenia');
  await expect(tickets.getByTestId('ticket-item')).toHaveCount(1);
  await expect(tickets.getByTestId('ticket-item').first()).toContainText('Dziura w jezdni');
  await expect(tickets.getByTestId('ticket-sync-state')).toHaveText('Czeka na wysłanie');
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 1');

  // The backend returns on the same address: the ticket goes out and nothing stays queued.
  const again = await startBackendProcess(backend.dbFile, backend.port);
  try {
    await page.getByTestId('sync-send-now').click();
    await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
    await tickets.getByTestId('ticket-item').first().click();
    await expect(tickets.getByTestId('ticket-sync-state')).toHaveText('Wysłane');
    const stored = readDatabase(backend.dbFile, (db) => db.prepare(`SELECT kind, service_code, unit_id, street_id, building, district, attributes, deadline_at FROM tickets`).all());
    expect(stored).toEqual([
      expect.objectContaining({ kind: 'fault', service_code: 'ZDIZ-DZIURA', unit_id: 'zdiz', building: '12B', district: 'Stare Miasto', attributes: JSON.stringify({ zagrozenie: 'tak' }) }),
    ]);
    expect((stored[0] as { deadline_at: number }).deadline_at).toBeGreaterThan(Date.now());
  } finally {
    await again.stop();
  }
});

test('an information request logs the answer; a half-filled form survives closing as a draft', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  let form = await openForm(page);
  await form.getByRole('radio', { name: 'Informacja' }).check();
  await form.getByLabel('Opis sprawy').fill('Pytanie o godziny otwarcia urzędu');
  await expect(form.getByTestId('ticket-draft-state')).toHaveText('Szkic zapisany na tym komputerze.');
  await form.getByRole('button', { name: 'Dokończ później' }).click();
  await expect(form).toBeHidden();

  // After a reload (as after a crash) the draft is offered and comes back as typed.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
  await page.getByTestId('ticket-resume-draft').click();
  form = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
  await expect(form.getByLabel('Opis sprawy')).toHaveValue('Pytanie o godziny otwarcia urzędu');
  await expect(form.getByRole('radio', { name: 'Informacja' })).toBeChecked();
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toContainText('To pole jest wymagane.');
  await form.getByLabel('Udzielona odpowiedź').fill('Urząd jest czynny pn 10–18, wt–pt 8–16.');
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();
  const tickets = region(page, 'Zgłoszenia');
  await expect(tickets.getByTestId('tickets-notice')).toContainText('Zapisano zgłoszenie');
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  await expect(page.getByTestId('ticket-resume-draft')).toHaveCount(0);
  const stored = readDatabase(backend.dbFile, (db) => db.prepare(`SELECT kind, answer FROM tickets`).all());
  expect(stored).toEqual([{ kind: 'information', answer: 'Urząd jest czynny pn 10–18, wt–pt 8–16.' }]);
});

async function faultReport(page: Page, description: string, service: string, street: [string, RegExp], attribute?: string) {
  const form = await openForm(page);
  await form.getByLabel('Opis sprawy').fill(description);
  await form.getByRole('combobox', { name: 'Kategoria (usługa)' }).click();
  await page.getByRole('option', { name: service, exact: true }).click();
  if (attribute) await form.getByRole('radio', { name: attribute, exact: true }).check();
  await chooseStreet(page, form, street[0], street[1]);
  return form;
}

test('a likely duplicate is offered while typing and the new report is linked to it', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  let form = await faultReport(page, 'Dziura w jezdni przed szkołą', 'Dziura w jezdni', ['floria', /ul\. Floriańska/], 'Nie');
  await expect(form.getByTestId('ticket-duplicates')).toHaveCount(0);
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();
  const tickets = region(page, 'Zgłoszenia');
  const number = (await tickets.getByTestId('ticket-detail').locator('span').first().textContent())?.split(' · ')[0] ?? '';
  expect(number).toMatch(/^Z-\d{8}-[0-9A-F]{6}$/);

  form = await faultReport(page, 'Znowu ta sama dziura, ktoś już zgłaszał', 'Dziura w jezdni', ['floria', /ul\. Floriańska/]);
  const duplicates = form.getByTestId('ticket-duplicates');
  await expect(duplicates).toContainText(number);
  expect(await seriousViolations(page)).toEqual([]);
  await duplicates.getByRole('button', { name: `Dopisz do ${number}` }).click();
  await expect(form).toBeHidden();
  await expect(tickets.getByTestId('tickets-notice')).toHaveText(`Dopisano kolejne zgłoszenie do sprawy ${number}.`);
  await expect(tickets.getByTestId('ticket-item')).toHaveCount(1);
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  const notes = readDatabase(backend.dbFile, (db) => db.prepare(`SELECT text FROM ticket_notes`).all() as { text: string }[]);
  expect(notes.map((n) => n.text)).toEqual(['Kolejne zgłoszenie tej sprawy. Znowu ta sama dziura, ktoś już zgłaszał']);
});

test('a ticket filled against a catalogue that changed while offline is parked for review with its reason', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  await backend.stop();
  const form = await faultReport(page, 'Brak pokrywy studzienki na jezdni', 'Brak pokrywy studzienki', ['floria', /ul\. Floriańska/], 'Tak, bezpośrednie zagrożenie');
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();
  // Meanwhile the city withdrew the service (as an admin would, while this desk was offline).
  const db = new Database(backend.dbFile);
  db.prepare(`DELETE FROM published_records WHERE entity = 'service' AND id = 'ZDIZ-STUDZIENKA'`).run();
  db.close();

  const again = await startBackendProcess(backend.dbFile, backend.port);
  try {
    await page.getByTestId('sync-send-now').click();
    await expect(page.getByTestId('sync-review')).toHaveText('Do sprawdzenia: 1');
    const tickets = region(page, 'Zgłoszenia');
    await tickets.getByTestId('ticket-item').first().click();
    await expect(tickets.getByTestId('ticket-sync-state')).toHaveText(
      'Do sprawdzenia – katalog usług zmienił się, gdy stanowisko było offline – popraw kategorię lub pola formularza',
    );
    // Kept on the desk, not lost; and the review panel names the reason too.
    await page.getByTestId('sync-review').click();
    await expect(page.getByTestId('review-reason')).toContainText('catalogue_changed');
  } finally {
    await again.stop();
  }
});
