import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { readDatabase } from '../helpers/sqlite';
import { testWithBackend } from './city-backend';
import { expect, region, statusBar } from './fixtures';
import { api, apiLogin, connectDesk, openTicketForm, seriousViolations } from './tickets-helpers';

// After a ticket is saved: its files reach the backend, and how it ended comes back and is told to
// the resident. Through the UI, against the real backend process.

const test = testWithBackend;
test.use({ reducedMotion: 'reduce' });

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function ideaTicket(page: Page, text: string) {
  const form = await openTicketForm(page);
  await form.getByRole('radio', { name: 'Wniosek lub uwaga' }).check();
  await form.getByLabel('Opis sprawy').fill(text);
  return form;
}

test('photos and files: type and size checked, stored with the ticket, sent after it, shown as text', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  const form = await ideaTicket(page, 'Prośba o nowe ławki w parku');
  const input = form.getByTestId('ticket-attachment-input');
  await input.setInputFiles([
    { name: '<b>ławka</b>.png', mimeType: 'image/png', buffer: PNG },
    { name: 'zdjęcie.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 not a picture') },
    { name: 'strona.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') },
  ]);
  await expect(form).toContainText('zdjęcie.png: zawartość pliku nie odpowiada jego typowi.');
  await expect(form).toContainText('strona.html: dozwolone są tylko pliki JPG, PNG i PDF.');
  await input.setInputFiles([{ name: 'duże.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600 * 1024)]) }]);
  await expect(form).toContainText('duże.jpg: plik jest większy niż 512 KB.');
  await expect(form.getByTestId('ticket-attachments-chosen').getByRole('listitem')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();

  const detail = region(page, 'Zgłoszenia').getByTestId('ticket-detail');
  const attachment = detail.getByTestId('ticket-attachment');
  await expect(attachment).toHaveCount(1);
  // The name is text: the markup in it is shown, never made into elements.
  await expect(attachment).toContainText('<b>ławka</b>.png · obraz PNG');
  await expect(detail.locator('[data-testid="ticket-attachments"] b')).toHaveCount(0);
  // Sent once the backend accepted the ticket itself.
  await expect(attachment.getByTestId('ticket-attachment-state')).toHaveText('wysłany');
  expect(await seriousViolations(page)).toEqual([]);
  const stored = readDatabase(backend.dbFile, (db) => db.prepare('SELECT a.name, a.mime, a.size, a.sha256, t.description FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id').all());
  expect(stored).toEqual([{ name: '<b>ławka</b>.png', mime: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), description: 'Prośba o nowe ławki w parku' }]);
});

test('a status resolved at the backend comes back, and the consultant informs the resident', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  const form = await ideaTicket(page, 'Brak kosza na śmieci przy przystanku');
  await form.getByLabel('Telefon zgłaszającego (opcjonalnie)').fill('600 100 200');
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  const [ticket] = readDatabase(backend.dbFile, (db) => db.prepare('SELECT id FROM tickets').all() as { id: string }[]);

  // The supervisor closes it through the backend's API.
  const supervisor = await apiLogin(backend.url, 'kierownik');
  expect((await api(backend.url, supervisor, `/tickets/${ticket!.id}/status`, { status: 'fixed', note: 'Kosz ustawiono 12 maja.' })).status).toBe(204);

  await page.getByTestId('sync-send-now').click();
  const tickets = region(page, 'Zgłoszenia');
  await expect(tickets.getByTestId('ticket-item').first()).toContainText('do poinformowania');
  await tickets.getByTestId('ticket-item').first().click();
  const detail = tickets.getByTestId('ticket-detail');
  await expect(detail.getByTestId('ticket-status')).toHaveText('Załatwione');
  await expect(detail).toContainText('Kosz ustawiono 12 maja.');
  const task = detail.getByRole('group', { name: 'Poinformuj mieszkańca o wyniku:' });
  expect(await seriousViolations(page)).toEqual([]);
  await task.getByRole('button', { name: 'Wysłano SMS' }).click();
  await expect(detail.getByTestId('ticket-feedback-done')).toHaveText('Mieszkańca poinformowano o wyniku.');
  await expect(tickets.getByTestId('ticket-item').first()).not.toContainText('do poinformowania');
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  const feedback = readDatabase(backend.dbFile, (db) => db.prepare('SELECT ticket_id, channel FROM ticket_feedback').all());
  expect(feedback).toEqual([{ ticket_id: ticket!.id, channel: 'sms' }]);
});

test('"which article answered": an information request registered from a knowledge-base card', async ({ deskPage: page, backend }) => {
  await connectDesk(page, backend.url);
  await page.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' }).fill('zgubilem dowod');
  const hit = page.getByRole('listbox', { name: 'Wyniki wyszukiwania w bazie wiedzy' }).getByRole('option').first();
  const title = (await hit.getByTestId('kb-hit-title').textContent())!;
  await hit.click();
  await page.getByTestId('kb-article').getByRole('button', { name: 'Zarejestruj jako informację' }).click();
  const form = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
  await expect(form.getByRole('radio', { name: 'Informacja' })).toBeChecked();
  await expect(form.getByLabel('Opis sprawy')).toHaveValue(title);
  await expect(form.getByLabel('Udzielona odpowiedź')).toHaveValue(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await form.getByRole('button', { name: 'Zapisz zgłoszenie' }).click();
  await expect(form).toBeHidden();
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  const [stored] = readDatabase(backend.dbFile, (db) => db.prepare('SELECT kind, kb_article_id FROM tickets').all() as { kind: string; kb_article_id: string }[]);
  const article = readDatabase(backend.dbFile, (db) => db.prepare(`SELECT id FROM published_records WHERE entity = 'kb_article' AND json_extract(data, '$.title') = ?`).all(title) as { id: string }[]);
  expect(stored).toEqual({ kind: 'information', kb_article_id: article[0]!.id });
});
