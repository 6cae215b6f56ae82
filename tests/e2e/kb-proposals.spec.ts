import { setBackendAddress, signIn } from './backend-session';
import { testWithBackend } from './city-backend';
import { expect, region } from './fixtures';
import { seriousViolations } from './axe';

// The knowledge base grows from calls: a proposal made at a desk, reviewed and published by an
// editor, against the real reference backend.

const test = testWithBackend;

test.use({ reducedMotion: 'reduce' });

test('an editor proposes a new card, reviews it, publishes it, and it becomes searchable', async ({ deskPage: page, backend }) => {
  await setBackendAddress(page, backend.url);
  await signIn(page, 'kierownik', 'kierownik');
  const kb = region(page, 'Baza wiedzy');
  await expect(kb.getByTestId('kb-state')).toContainText('kart'); // the demo base was pulled

  await kb.getByRole('button', { name: 'Zaproponuj nową kartę' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propozycja nowej karty' });
  await dialog.getByRole('button', { name: 'Wyślij do redakcji' }).click();
  await expect(dialog.getByText('To pole jest wymagane.').first()).toBeVisible(); // empty title and text
  await dialog.getByLabel('Tytuł karty').fill('Psy na plaży miejskiej <script>alert(1)</script>');
  await dialog.getByLabel('Treść').fill('Od 1 maja do 30 września psy nie mogą wchodzić na plażę miejską.');
  await dialog.getByLabel('Uwaga dla redakcji').fill('Mieszkańcy często pytają.');
  await dialog.getByRole('button', { name: 'Wyślij do redakcji' }).click();
  await expect(dialog).toBeHidden();
  await expect(kb.getByTestId('kb-proposal-saved')).toHaveText('Propozycja zapisana; trafi do redakcji bazy wiedzy.');

  await kb.getByRole('button', { name: 'Propozycje do przeglądu' }).click();
  const item = kb.getByTestId('kb-review-item').filter({ hasText: 'Psy na plaży miejskiej' });
  await expect(item).toContainText('Nowa karta: Psy na plaży miejskiej <script>alert(1)</script>'); // as text
  await expect(item).toContainText('(nowa karta)');
  expect(await seriousViolations(page)).toEqual([]);
  await expect(item.getByRole('button', { name: 'Opublikuj' })).toBeVisible(); // it reached the backend and came back
  await item.getByRole('button', { name: 'Odrzuć' }).click();
  await expect(item.getByText('Podaj powód odrzucenia.')).toBeVisible();
  await item.getByRole('button', { name: 'Opublikuj' }).click();
  await expect(kb.getByTestId('kb-review-item').filter({ hasText: 'Psy na plaży miejskiej' })).toHaveCount(0, { timeout: 15_000 });

  await kb.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' }).fill('psy plaza');
  await expect(kb.getByTestId('kb-hit-title').first()).toContainText('Psy na plaży miejskiej', { timeout: 15_000 });
});
