// The caller card's management screens, keyboard first: merging two contacts of one person and
// undoing it, editing a contact's fields, closing a promised callback, and the retention policy
// (read-only for a consultant, changed by a supervisor signed in to the real city backend).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DATABASE_FILE } from '../../main/core/core';
import { readDatabase } from '../helpers/sqlite';
import { seriousViolations } from './axe';
import type { Violation } from './axe';
import { setBackendAddress, signIn } from './backend-session';
import { startCityBackend } from './city-backend';
import { expect, region, test } from './fixtures';
import { deskRequest } from './softphone-lab';

test.use({ reducedMotion: 'reduce' });

const callerRegion = (page: Page) => region(page, 'Karta rozmówcy');
const searchBox = (page: Page) => callerRegion(page).getByRole('searchbox', { name: 'Szukaj rozmówcy' });

/** Serious axe violations in the caller region and its dialogs. */
async function callerViolations(page: Page): Promise<Violation[]> {
  const all = await seriousViolations(page);
  const inside = await page.evaluate(
    (selectors) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { closest(s: string): unknown } | null } }).document;
      return selectors.map((list) => list.some((selector) => doc.querySelector(selector)?.closest('[data-region="caller"], [role="dialog"]') != null));
    },
    all.map((v) => v.nodes),
  );
  return all.filter((_, i) => inside[i]);
}

async function openContact(page: Page, query: string, name: string): Promise<void> {
  await searchBox(page).fill(query);
  const choice = callerRegion(page).getByRole('button', { name: `Wybierz: ${name}`, exact: true });
  await choice.focus();
  await page.keyboard.press('Enter');
  await expect(callerRegion(page).getByTestId('caller-name')).toHaveText(name);
}

test('merges two contacts of one person through the card and undoes the merge, audited', async ({ deskPage: page, desk }) => {
  const anna = await deskRequest<{ id: string }>(page, 'contacts.create', { name: 'Anna Kowalska', phones: ['601 234 567'], consent: 'consent', addresses: ['ul. Długa 5'] });
  const old = await deskRequest<{ id: string }>(page, 'contacts.create', { name: 'A. Kowalska', phones: ['22 111 22 33'], consent: 'consent', flags: ['prefers_sms'], addresses: ['ul. Stara 1'] });
  await deskRequest(page, 'calls.started', { id: 'merge-call-1', direction: 'inbound', remoteNumber: '+48221112233', remoteName: null, startedAt: Date.now() - 86_400_000 });
  await deskRequest(page, 'calls.ended', { id: 'merge-call-1', endedAt: Date.now() - 86_400_000 + 60_000, outcome: 'answered' });
  await deskRequest(page, 'calls.update', { id: 'merge-call-1', notes: 'Zgłosiła awarię wodociągu' });

  await openContact(page, 'Anna Kowalska', 'Anna Kowalska');
  const card = callerRegion(page);
  await expect(card.getByTestId('caller-history')).toHaveCount(0);

  // Keyboard: focus the button, Enter opens the dialog; type, arrow to the candidate, Enter to merge.
  await card.getByRole('button', { name: 'Scalanie kontaktów' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Scalanie kontaktów: Anna Kowalska' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Do tego kontaktu nie dołączono innych.')).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Znajdź kontakt do scalenia' }).fill('221112233');
  const candidate = dialog.getByRole('radio', { name: 'A. Kowalska · +48 22 111 22 33 · ul. Stara 1' });
  await expect(candidate).toBeVisible();
  await candidate.focus();
  await page.keyboard.press('Space');
  await expect(candidate).toBeChecked();
  expect(await callerViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Dołącz A. Kowalska do Anna Kowalska' }).press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Dołączono kontakt A. Kowalska.');
  await expect(dialog.getByTestId('contact-merges')).toContainText('A. Kowalska – scalono');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The card now has both numbers, both addresses, the flag and the other contact's call.
  await expect(card.getByText('+48 22 111 22 33, +48 601 234 567')).toBeVisible();
  await expect(card.getByText('ul. Stara 1')).toBeVisible();
  await expect(card.getByTestId('caller-flags')).toHaveText('Woli SMS');
  await expect(card.getByTestId('caller-history')).toContainText('Zgłosiła awarię wodociągu');
  // The folded contact is no longer offered by search.
  const found = await deskRequest<{ id: string }[]>(page, 'contacts.search', { query: 'Kowalska', limit: 10 });
  expect(found.map((c) => c.id)).toEqual([anna.id]);

  // Undo, from the same dialog.
  await card.getByRole('button', { name: 'Scalanie kontaktów' }).click();
  await dialog.getByRole('button', { name: 'Cofnij scalenie: A. Kowalska' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Cofnięto scalenie: A. Kowalska jest znowu osobnym kontaktem.');
  await expect(dialog.getByText('Do tego kontaktu nie dołączono innych.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Zamknij' }).click();
  await expect(card.getByText('+48 601 234 567', { exact: true })).toBeVisible();
  await expect(card.getByText('ul. Stara 1')).toHaveCount(0);
  await expect(card.getByTestId('caller-flags')).toHaveCount(0);
  await expect(card.getByTestId('caller-history')).toHaveCount(0);
  expect((await deskRequest<{ id: string }[]>(page, 'contacts.search', { query: 'Kowalska', limit: 10 })).map((c) => c.id).sort()).toEqual([anna.id, old.id].sort());

  // Both steps are in the audit log, with who did them (read beside the running desk: WAL).
  const actions = readDatabase(join(desk.dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT action FROM audit_log WHERE action IN ('contact.merge', 'contact.unmerge') ORDER BY id`).pluck().all());
  expect(actions).toEqual(['contact.merge', 'contact.unmerge']);
});

test('edits a contact\'s flags, preferred channel, language and addresses; a bad number is named in Polish', async ({ deskPage: page }) => {
  await deskRequest(page, 'contacts.create', { name: 'Jan Nowak', phones: ['601 000 111'], consent: 'public_task' });
  await openContact(page, 'nowak', 'Jan Nowak');
  const card = callerRegion(page);
  await card.getByRole('button', { name: 'Edytuj dane kontaktu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dane kontaktu' });
  await expect(dialog.getByRole('textbox', { name: 'Imię i nazwisko rozmówcy' })).toHaveValue('Jan Nowak');
  await dialog.getByRole('checkbox', { name: 'Osoba słabosłysząca' }).check();
  await dialog.getByRole('checkbox', { name: 'Potrzebny tłumacz' }).check();
  await dialog.getByRole('combobox', { name: 'Preferowany kanał kontaktu' }).selectOption('e-mail');
  await dialog.getByRole('combobox', { name: 'Język rozmowy' }).selectOption({ value: 'uk' });
  await dialog.getByRole('textbox', { name: 'Adresy (pocztowe lub e-mail)' }).fill('ul. Polna 3, Gdańsk\njan.nowak@example.pl');
  await dialog.getByRole('textbox', { name: 'Numery telefonów' }).fill('601 000 111\nto nie numer');
  expect(await callerViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await expect(dialog.getByText('To nie jest poprawny numer telefonu.')).toBeVisible();
  // Nothing typed is lost: fix the number and save again.
  await dialog.getByRole('textbox', { name: 'Numery telefonów' }).fill('601 000 111\n58 600 12 34');
  await dialog.getByRole('button', { name: 'Zapisz zmiany' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('caller-flags')).toHaveText(/Osoba słabosłysząca.*Potrzebny tłumacz/);
  await expect(card.getByText('Preferowany kanał: e-mail')).toBeVisible();
  await expect(card.getByText('Język: uk')).toBeVisible();
  await expect(card.getByText('jan.nowak@example.pl')).toBeVisible();
  await expect(card.getByText('+48 58 600 12 34, +48 601 000 111')).toBeVisible();
});

test('closes a promised callback as done or cancelled from the timeline', async ({ deskPage: page }) => {
  const jan = await deskRequest<{ id: string }>(page, 'contacts.create', { name: 'Jan Nowak', phones: ['601 000 111'], consent: 'public_task' });
  await deskRequest(page, 'contacts.scheduleCallback', { contactId: jan.id, number: '601000111', dueAt: Date.now() + 3_600_000, note: 'Pierwsze' });
  await deskRequest(page, 'contacts.scheduleCallback', { contactId: jan.id, number: '601000111', dueAt: Date.now() + 7_200_000, note: 'Drugie' });
  await openContact(page, 'nowak', 'Jan Nowak');
  const card = callerRegion(page);
  const first = card.locator('[data-kind="callback"]', { hasText: 'Pierwsze' });
  const second = card.locator('[data-kind="callback"]', { hasText: 'Drugie' });
  await first.getByRole('button', { name: /Oznacz oddzwonienie z terminem .* jako wykonane/ }).click();
  await expect(first).toContainText('wykonane');
  await expect(card.getByRole('status')).toHaveText('Oddzwonienie oznaczono jako wykonane.');
  await second.getByRole('button', { name: /Anuluj oddzwonienie z terminem/ }).click();
  await expect(second).toContainText('anulowane');
  await expect(card.locator('[data-kind="callback"]').getByRole('button')).toHaveCount(0);
  // Closed for good: the core refuses to close it twice.
  const card2 = await deskRequest<{ timeline: { kind: string; id: string; state?: string }[] }>(page, 'contacts.card', { contactId: jan.id });
  const closed = card2.timeline.filter((item) => item.kind === 'callback');
  expect(closed.map((item) => item.state).sort()).toEqual(['cancelled', 'done']);
  await expect(deskRequest(page, 'contacts.setCallbackState', { id: closed[0]!.id, state: 'done' })).rejects.toThrow(/invalid_params/);
});

test('the retention policy is read-only for a consultant and changed by a supervisor', async ({ deskPage: page }) => {
  const backend = await startCityBackend();
  try {
    await callerRegion(page).getByRole('button', { name: 'Przechowywanie danych osobowych' }).click();
    const dialog = page.getByRole('dialog', { name: 'Zasady przechowywania danych osobowych' });
    await expect(dialog.getByTestId('retention-readonly')).toHaveText('Zasady może zmienić tylko kierownik zmiany lub administrator.');
    await expect(dialog.getByRole('spinbutton', { name: 'Pełna historia połączeń (miesiące)' })).toHaveValue('24');
    await expect(dialog.getByRole('spinbutton', { name: 'Pełna historia połączeń (miesiące)' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Zapisz zasady' })).toHaveCount(0);
    expect(await callerViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Zamknij' }).click();
    // The core refuses a consultant too, not only the screen.
    await expect(deskRequest(page, 'contacts.setRetention', { historyMonths: 6, personalMonths: 12 })).rejects.toThrow(/forbidden/);

    await setBackendAddress(page, backend.url);
    await signIn(page, 'kierownik', 'kierownik');
    await expect(page.getByRole('dialog', { name: 'Logowanie do backendu miasta' })).toBeHidden();
    await callerRegion(page).getByRole('button', { name: 'Przechowywanie danych osobowych' }).click();
    const history = dialog.getByRole('spinbutton', { name: 'Pełna historia połączeń (miesiące)' });
    await expect(history).toBeEnabled();
    await history.fill('12');
    await history.press('Tab');
    const personal = dialog.getByRole('spinbutton', { name: 'Dane osobowe bez kontaktu (miesiące)' });
    await personal.fill('18');
    await personal.press('Tab');
    await dialog.getByRole('button', { name: 'Zapisz zasady' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Zapisano zasady przechowywania danych.');
    await dialog.getByRole('button', { name: 'Zastosuj teraz' }).click();
    await expect(dialog.getByRole('status')).toHaveText(/Zastosowano zasady: połączenia zliczone 0/);
    expect(await deskRequest(page, 'contacts.retention', {})).toEqual({ policy: { historyMonths: 12, personalMonths: 18 }, canChange: true });
  } finally {
    await backend.stop();
  }
});
