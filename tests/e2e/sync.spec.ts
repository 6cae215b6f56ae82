import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testWithBackend } from './city-backend';
import { setBackendAddress, signIn } from './backend-session';
import { expect, statusBar } from './fixtures';
import { seriousViolations } from './axe';

// Sign-in and sync against the real reference backend (backend/main.ts --demo).

const test = testWithBackend;

// Axe measures colours: no transitions caught half-way.
test.use({ reducedMotion: 'reduce' });

const sync = (page: Page) => page.getByTestId('status-sync');

test('a wrong password is refused plainly, the right one signs in, and sign-out works', async ({ deskPage: page, backend }) => {
  // No backend address: nothing to sign in to.
  await expect(page.getByRole('button', { name: 'Zaloguj się' })).toHaveCount(0);
  await expect(sync(page)).toHaveText('Synchronizacja: nieskonfigurowana');

  await setBackendAddress(page, backend.url);
  await expect(sync(page)).toHaveText('Synchronizacja: wymaga logowania');

  // Ctrl+Shift+O opens the sign-in (and F1 lists it).
  await page.keyboard.press('Control+Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Logowanie do backendu miasta' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Nazwa użytkownika')).toBeFocused();

  // Enter with empty fields: the fields say what is missing, nothing is sent.
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('Nazwa użytkownika: pole jest wymagane');
  await expect(dialog).toContainText('Hasło: pole jest wymagane');

  await dialog.getByLabel('Nazwa użytkownika').fill('konsultant');
  await dialog.getByLabel('Hasło').fill('to-nie-to-haslo');
  await dialog.getByLabel('Hasło').press('Enter');
  await expect(dialog.getByTestId('sign-in-error')).toHaveText('Nieprawidłowa nazwa użytkownika lub hasło.');
  await expect(dialog.getByLabel('Hasło')).toHaveValue('');
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByLabel('Hasło').fill('konsultant');
  await dialog.getByLabel('Hasło').press('Enter');
  await expect(dialog).toBeHidden();
  const user = page.getByTestId('auth-user');
  await expect(user).toHaveText('Anna Konsultantka');
  await expect(page.getByRole('button', { name: 'Zaloguj się' })).toHaveCount(0);
  await expect(sync(page)).toHaveText('Synchronizacja: wysłano');

  await user.click();
  await page.getByRole('menuitem', { name: 'Wyloguj' }).click();
  await expect(page.getByRole('button', { name: 'Zaloguj się' })).toBeVisible();
  await expect(user).toHaveCount(0);
  await expect(sync(page)).toHaveText('Synchronizacja: wymaga logowania');
});

test('an unreachable backend says the work is kept locally', async ({ deskPage: page }) => {
  await setBackendAddress(page, 'http://127.0.0.1:9');
  await signIn(page, 'konsultant', 'konsultant');
  await expect(page.getByTestId('sign-in-error')).toContainText('Nie można połączyć się z backendem miasta. Twoja praca jest zapisywana na tym komputerze');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('work saved while signed out waits, and is sent after sign-in', async ({ deskPage: page, backend }) => {
  const bar = statusBar(page);
  await setBackendAddress(page, backend.url);
  await expect(sync(page)).toHaveText('Synchronizacja: wymaga logowania');

  await page.keyboard.press('Control+Shift+B');
  await expect(bar.agent).toHaveText('Status: Niedostępny – przerwa');
  await expect(bar.unsent).toHaveText('Niewysłane: 1');
  await expect(page.getByTestId('status-oldest')).toHaveText('najstarsze: poniżej minuty');

  await signIn(page, 'konsultant', 'konsultant');
  await expect(page.getByTestId('auth-user')).toHaveText('Anna Konsultantka');
  await expect(bar.unsent).toHaveText('Niewysłane: 0');
  await expect(sync(page)).toHaveText('Synchronizacja: wysłano');
  await expect(page.getByTestId('status-oldest')).toHaveCount(0);

  // Signed in, a change goes out on its own.
  await page.keyboard.press('Control+Shift+A');
  await expect(bar.agent).toHaveText('Status: Dostępny');
  await expect(bar.unsent).toHaveText('Niewysłane: 0');
  await expect(sync(page)).toHaveText('Synchronizacja: wysłano');
});

/**
 * Work the backend will refuse: an agent-state change saved while signed out, whose stored
 * payload is then spoiled in the desk's database (as a bug in an older version might have).
 */
async function parkOne(page: Page, dataDir: string, backendUrl: string): Promise<string> {
  await setBackendAddress(page, backendUrl);
  await page.keyboard.press('Control+Shift+B');
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 1');
  const db = new Database(join(dataDir, 'desk.sqlite'));
  let original: string;
  try {
    const row = db.prepare(`SELECT mutation_id, payload FROM outbox WHERE entity = 'agent_state' ORDER BY seq DESC LIMIT 1`).get() as { mutation_id: string; payload: string };
    original = row.payload;
    db.prepare('UPDATE outbox SET payload = ? WHERE mutation_id = ?').run(JSON.stringify({ ...JSON.parse(original), state: 'tanczy' }), row.mutation_id);
  } finally {
    db.close();
  }
  await signIn(page, 'konsultant', 'konsultant');
  await expect(page.getByTestId('auth-user')).toHaveText('Anna Konsultantka');
  await expect(page.getByTestId('sync-review')).toHaveText('Do sprawdzenia: 1');
  return original;
}

test('a refused item is fixed in the review panel and sent again', async ({ deskPage: page, desk, backend }) => {
  const original = await parkOne(page, desk.dataDir, backend.url);
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 1');

  await page.getByTestId('sync-review').click();
  const panel = page.getByRole('dialog', { name: 'Do sprawdzenia: odrzucone przez backend' });
  const item = panel.getByTestId('review-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('agent_state – create');
  await expect(item.getByTestId('review-reason')).not.toBeEmpty();
  expect(await seriousViolations(page)).toEqual([]);

  await item.getByRole('button', { name: 'Popraw i wyślij ponownie' }).click();
  const payload = item.getByLabel('Dane do wysłania (JSON)');
  await expect(payload).toHaveValue(/"tanczy"/);

  // Not JSON, then JSON but not an object: each explained, nothing sent.
  await payload.fill('{"state": "available",');
  await item.getByRole('button', { name: 'Wyślij ponownie' }).click();
  await expect(item).toContainText('To nie jest poprawny JSON');
  await payload.fill('[1, 2]');
  await item.getByRole('button', { name: 'Wyślij ponownie' }).click();
  await expect(item).toContainText('Dane muszą być obiektem JSON');
  expect(await seriousViolations(page)).toEqual([]);

  await payload.fill(original);
  await item.getByRole('button', { name: 'Wyślij ponownie' }).click();
  await expect(panel.getByTestId('review-done')).toHaveText('Dane wróciły do kolejki i zostaną wysłane.');
  await expect(panel.getByTestId('review-empty')).toHaveText('Nic nie czeka na sprawdzenie.');
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-review')).toHaveCount(0);
  await expect(sync(page)).toHaveText('Synchronizacja: wysłano');
});

test('discarding a refused item asks first, says it is permanent, and empties the queue', async ({ deskPage: page, desk, backend }) => {
  await parkOne(page, desk.dataDir, backend.url);
  await page.getByTestId('sync-review').click();
  const panel = page.getByRole('dialog', { name: 'Do sprawdzenia: odrzucone przez backend' });
  await panel.getByRole('button', { name: 'Odrzuć' }).click();

  const confirm = page.getByRole('alertdialog', { name: 'Odrzucić na stałe?' });
  await expect(confirm).toContainText('Tego nie można cofnąć');
  await expect(confirm).toContainText('dzienniku zdarzeń');
  expect(await seriousViolations(page)).toEqual([]);
  // Cancel keeps it.
  await confirm.getByRole('button', { name: 'Anuluj' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByTestId('review-item')).toHaveCount(1);

  await panel.getByRole('button', { name: 'Odrzuć' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Odrzuć na stałe' }).click();
  await expect(panel.getByTestId('review-done')).toHaveText('Odrzucono. Zapisano to w dzienniku zdarzeń.');
  await expect(panel.getByTestId('review-empty')).toBeVisible();
  await expect(statusBar(page).unsent).toHaveText('Niewysłane: 0');

  // Recorded in the audit log.
  const db = new Database(join(desk.dataDir, 'desk.sqlite'), { readonly: true });
  try {
    const actions = db.prepare('SELECT action FROM audit_log').pluck().all() as string[];
    expect(actions.some((action) => /discard/i.test(action))).toBe(true);
  } finally {
    db.close();
  }
});

test('when the backend goes away, work is kept locally with a retry, a last error and "send now"', async ({ deskPage: page, backend }) => {
  const bar = statusBar(page);
  await setBackendAddress(page, backend.url);
  await signIn(page, 'konsultant', 'konsultant');
  await expect(sync(page)).toHaveText('Synchronizacja: wysłano');

  await backend.stop();
  await page.keyboard.press('Control+Shift+B');
  await expect(bar.unsent).toHaveText('Niewysłane: 1');
  await expect(sync(page)).toHaveText(/^Synchronizacja: (offline – zapisane lokalnie|ponowna próba za \d+ s|ponowna próba za chwilę)$/);
  await expect(page.getByTestId('status-oldest')).toHaveText('najstarsze: poniżej minuty');
  await expect(page.getByTestId('sync-last-error')).toBeVisible();
  const sendNow = page.getByRole('button', { name: 'Wyślij teraz' });
  await sendNow.click();
  await expect(sync(page)).toHaveText(/^Synchronizacja: (offline – zapisane lokalnie|ponowna próba za \d+ s|ponowna próba za chwilę|wysyłanie…)$/);
  await expect(bar.unsent).toHaveText('Niewysłane: 1');
  expect(await seriousViolations(page)).toEqual([]);
});

test('Ctrl+Shift+O is listed in F1, and without a backend address it opens the settings', async ({ deskPage: page }) => {
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' });
  await expect(help.getByRole('row', { name: /Zaloguj się do backendu miasta/ })).toContainText('Ctrl+Shift+O');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('Control+Shift+O');
  await expect(page.getByRole('dialog', { name: 'Ustawienia' })).toBeVisible();
});
