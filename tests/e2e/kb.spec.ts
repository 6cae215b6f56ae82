import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { importKb, startDesk, tempDataDir } from './desk-host';
import type { RunningDesk } from './desk-host';
import { test as base, expect, openDesk, region } from './fixtures';
import { seriousViolations } from './axe';

/** Forty days from the run: a card announced ahead stays ahead whenever the test runs. */
const AHEAD = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);

/** Cards that try to smuggle HTML in, one out of date (none of it may be interpreted), one announced ahead. */
const CRAFTED = [
  {
    id: 'kb-test-html',
    title: 'Karta testowa <b>pogrubiona</b> kanalizacja',
    summary: 'Streszczenie <img src=x onerror=alert(1)> kanalizacja',
    body: [
      '**Wymagane dokumenty**',
      '- wniosek <img src=x onerror=alert(1)>',
      '- <script>window.__pwned = true</script>',
      '',
      'Więcej: [gov.pl](https://www.gov.pl/sprawa) oraz [podejrzany](javascript:alert(1)).',
      '<iframe src="https://example.com"></iframe>',
    ].join('\n'),
    keywords: ['kanalizacja'],
    unit: 'Wydział Testowy',
    category: 'Testy',
    updated_at: '2026-01-10T10:00:00+01:00',
    expires_at: '2020-01-01',
  },
  {
    id: 'kb-test-ahead',
    title: 'Nowe stawki opłaty za psa',
    summary: 'Stawki, które dopiero wejdą w życie.',
    body: '**Opłaty**\nNowa stawka roczna.',
    keywords: ['opłata za psa'],
    unit: 'Wydział Testowy',
    category: 'Testy',
    updated_at: '2026-01-10T10:00:00+01:00',
    valid_from: AHEAD,
  },
];

async function kbDesk(extra?: object[]): Promise<RunningDesk> {
  const dir = tempDataDir();
  await importKb(dir);
  if (extra) {
    const file = join(dir, 'crafted.jsonl');
    writeFileSync(file, extra.map((article) => JSON.stringify(article)).join('\n'));
    await importKb(dir, file);
  }
  return startDesk(dir);
}

const test = base.extend<{ kb: Page }>({
  kb: async ({ page }, use) => {
    const desk = await kbDesk(CRAFTED);
    try {
      await openDesk(page, desk);
      await use(page);
    } finally {
      await desk.stop();
    }
  },
});

// Axe measures colours: no transitions caught half-way.
test.use({ reducedMotion: 'reduce' });

const search = (page: Page) => page.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' });
const hits = (page: Page) => page.getByRole('listbox', { name: 'Wyniki wyszukiwania w bazie wiedzy' }).getByRole('option');


test('typing finds the lost-ID card first, with the matched words highlighted', async ({ kb: page }) => {
  const kb = region(page, 'Baza wiedzy');
  await expect(page.getByTestId('kb-state')).toHaveText('W bazie wiedzy jest 89 kart usług.');
  await page.keyboard.press('Control+K');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type('zgubilem dowod');
  const first = hits(page).first();
  await expect(first.getByTestId('kb-hit-title')).toHaveText('Utrata lub kradzież dowodu osobistego – zgłoszenie i zastrzeżenie');
  await expect(first).toContainText('Wydział Spraw Obywatelskich');
  await expect(first).toContainText('Dokumenty i sprawy obywatelskie');
  // Highlights are <mark> elements around the matched words, in the title and in the snippet.
  await expect(first.getByTestId('kb-hit-title').locator('mark').first()).toHaveText(/^dowod/i);
  expect(await first.getByTestId('kb-hit-snippet').locator('mark').count()).toBeGreaterThan(0);
  await expect(kb.getByTestId('kb-results')).toContainText('Znaleziono');
});

test('a typo is corrected and the correction is shown', async ({ kb: page }) => {
  await search(page).fill('rejstracja auta');
  await expect(page.getByTestId('kb-corrections')).toHaveText('Pokazano wyniki dla: rejestracja auta');
  await expect(hits(page).first().getByTestId('kb-hit-title')).toContainText('Rejestracja');
});

test('the keyboard alone searches, moves through results, opens a card and comes back', async ({ kb: page }) => {
  await page.keyboard.press('F3');
  const box = search(page);
  await expect(box).toBeFocused();
  await page.keyboard.type('rejestracja pojazdu');
  // Results of a half-typed query may show first; wait for those of the whole one.
  await expect(page.getByTestId('kb-hits')).toHaveAttribute('data-results-for', 'rejestracja pojazdu');
  const count = await hits(page).count();
  expect(count).toBeGreaterThan(1);

  await page.keyboard.press('ArrowDown');
  await expect(hits(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await hits(page).nth(0).getAttribute('id'))!);
  await page.keyboard.press('ArrowDown');
  await expect(hits(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(hits(page).nth(0)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowUp');
  await expect(hits(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  const title = (await hits(page).nth(0).getByTestId('kb-hit-title').textContent())!;

  await page.keyboard.press('Enter');
  const article = page.getByTestId('kb-article');
  await expect(article.getByRole('heading', { level: 3, name: title })).toBeFocused();
  await expect(article).toContainText('Wydział: Wydział Komunikacji');
  // The Markdown body: bold lines become section headings, "-" lines a list.
  await expect(article.getByRole('heading', { level: 4, name: 'Wymagane dokumenty' })).toBeVisible();
  expect(await article.getByTestId('kb-article-body').locator('li').count()).toBeGreaterThan(0);
  await expect(article.getByTestId('kb-article-body')).not.toContainText('**');

  await page.keyboard.press('Escape');
  await expect(article).toBeHidden();
  await expect(box).toBeFocused();
  await expect(hits(page).first()).toBeVisible();
  await page.keyboard.press('Escape'); // leaves the list
  await expect(box).not.toHaveAttribute('aria-activedescendant');
  await page.keyboard.press('Escape'); // clears the query
  await expect(box).toHaveValue('');
  await expect(hits(page)).toHaveCount(0);
});

test('HTML in a card is shown as text, never run, and links cannot navigate the desk', async ({ kb: page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await search(page).fill('kanalizacja karta testowa');
  const hit = hits(page).filter({ hasText: 'Karta testowa' }).first();
  await expect(hit.getByTestId('kb-hit-title')).toContainText('Karta testowa <b>pogrubiona</b>');
  await expect(hit.getByTestId('kb-hit-expired')).toHaveText('nieaktualna');
  await hit.click();

  const article = page.getByTestId('kb-article');
  await expect(article.getByRole('heading', { level: 3 })).toHaveText('Karta testowa <b>pogrubiona</b> kanalizacja');
  await expect(article).toContainText('Streszczenie <img src=x onerror=alert(1)> kanalizacja');
  const body = article.getByTestId('kb-article-body');
  await expect(body).toContainText('wniosek <img src=x onerror=alert(1)>');
  await expect(body).toContainText('<script>window.__pwned = true</script>');
  await expect(body).toContainText('<iframe src="https://example.com"></iframe>');
  await expect(article.locator('img, script, iframe, b')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // A web link opens outside the desk (target=_blank, which the shell hands to the browser);
  // a javascript: link is only text.
  const link = body.getByRole('link', { name: 'gov.pl' });
  await expect(link).toHaveAttribute('href', 'https://www.gov.pl/sprawa');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(body.getByRole('link')).toHaveCount(1);
  await expect(body).toContainText('podejrzany (javascript:alert(1))');

  await expect(article.getByTestId('kb-article-expired')).toContainText('Ta karta jest nieaktualna');
  expect(dialogs).toBe(0);
});

test('a card announced ahead says from when it applies, in the list and when opened', async ({ kb: page }) => {
  const date = new Intl.DateTimeFormat('pl', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(AHEAD)); // a calendar day
  await search(page).fill('nowe stawki oplaty za psa');
  const hit = hits(page).filter({ hasText: 'Nowe stawki opłaty za psa' });
  await expect(hit.getByTestId('kb-hit-upcoming')).toHaveText(`od ${date}`);
  await hit.click();
  const article = page.getByTestId('kb-article');
  await expect(article).toContainText(`Obowiązuje od: ${date}`);
  await expect(article.getByTestId('kb-article-upcoming')).toHaveText(`Ta karta zacznie obowiązywać ${date}. Do tego dnia stosuje się dotychczasowe zasady.`);
});

test('filters by unit and category narrow the results', async ({ kb: page }) => {
  await search(page).fill('zgłoszenie');
  await expect(hits(page).first()).toBeVisible();
  const all = await hits(page).count();

  await page.getByRole('combobox', { name: 'Kategoria' }).click();
  await page.getByRole('option', { name: 'Parkowanie', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Kategoria' })).toHaveText('Parkowanie');
  await expect(hits(page).first()).toContainText('Parkowanie');
  const parking = await hits(page).count();
  expect(parking).toBeLessThan(all);
  for (const text of await hits(page).allTextContents()) expect(text).toContain('Parkowanie');

  await page.getByRole('combobox', { name: 'Wydział' }).click();
  await page.getByRole('option', { name: 'Straż Miejska', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Wydział' })).toHaveText('Straż Miejska');
  await expect(hits(page).first()).toContainText('Straż Miejska');
  for (const text of await hits(page).allTextContents()) {
    expect(text).toContain('Straż Miejska');
    expect(text).toContain('Parkowanie');
  }
  expect(await hits(page).count()).toBeLessThanOrEqual(parking);

  await page.getByRole('combobox', { name: 'Kategoria' }).click();
  await page.getByRole('option', { name: 'Wszystkie kategorie', exact: true }).click();
  await page.getByRole('combobox', { name: 'Wydział' }).click();
  await page.getByRole('option', { name: 'Wszystkie wydziały', exact: true }).click();
  await expect(hits(page)).toHaveCount(all);

  // Ten come first (they paint sooner as the consultant types); the rest on request.
  expect(all).toBe(10);
  await page.getByRole('button', { name: 'Pokaż więcej wyników' }).click();
  await expect.poll(() => hits(page).count()).toBeGreaterThan(10);
  await expect(page.getByRole('button', { name: 'Pokaż więcej wyników' })).toHaveCount(0);
  await search(page).fill('zgłoszenia');
  await expect(hits(page)).toHaveCount(10); // a new query starts with ten again
});

test('a pasted 10,000-character query does not break the search', async ({ kb: page }) => {
  const words = ['dowód', 'osobisty', 'zgubiony', 'wniosek', 'urząd', 'ulica', 'śmieci', 'termin'];
  let pasted = '';
  for (let i = 0; pasted.length < 10_000; i++) pasted += `${words[i % words.length]} `;
  pasted = pasted.slice(0, 10_000);
  await search(page).fill(pasted);
  await expect(page.getByTestId('kb-results')).toBeVisible();
  await expect(page.getByTestId('kb-search-error')).toHaveCount(0);
  // And the search still answers normally afterwards.
  await search(page).fill('zgubilem dowod');
  await expect(hits(page).first().getByTestId('kb-hit-title')).toHaveText('Utrata lub kradzież dowodu osobistego – zgłoszenie i zastrzeżenie');
  await expect(page.getByTestId('kb-search-error')).toHaveCount(0);
});

test('"Kopiuj odpowiedź" puts the summary and key sections on the clipboard and says so', async ({ kb: page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await search(page).fill('zgubilem dowod');
  await hits(page).first().click();
  const article = page.getByTestId('kb-article');
  await expect(article.getByRole('heading', { level: 3 })).toHaveText('Utrata lub kradzież dowodu osobistego – zgłoszenie i zastrzeżenie');
  await article.getByRole('button', { name: 'Kopiuj odpowiedź' }).click();
  await expect(page.getByTestId('kb-copy-toast')).toContainText('Skopiowano odpowiedź do schowka.');
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(copied).toContain('Utrata lub kradzież dowodu osobistego');
  expect(copied).not.toContain('**');
  expect(copied).toContain('Gdzie i kiedy\nWydział Spraw Obywatelskich');
  // Forms and links go with the answer as text and address, to be read or pasted.
  expect(copied).toContain('Formularze i linki\n- ');
  expect(copied).toMatch(/ \(https:\/\/[^)]+\)/);
});

test("a card's facts come first, each under its heading, and its forms open outside the desk", async ({ kb: page }) => {
  await search(page).fill('wydanie dowodu osobistego');
  await hits(page).filter({ hasText: 'Wydanie dowodu osobistego' }).first().click();
  const article = page.getByTestId('kb-article');
  await expect(article.getByRole('heading', { level: 3 })).toHaveText('Wydanie dowodu osobistego');
  const body = article.getByTestId('kb-article-body');
  const sections = await body.getByRole('heading', { level: 4 }).allTextContents();
  expect(sections.slice(0, 4)).toEqual(['Wymagane dokumenty', 'Opłaty', 'Termin załatwienia', 'Gdzie i kiedy']);
  expect(sections.at(-1)).toBe('Formularze i linki');
  await expect(body.locator('ul').first().locator('li')).toHaveCount(3);
  await expect(body).toContainText('Wydanie dowodu osobistego jest bezpłatne.');
  const form = body.getByRole('link', { name: 'Wniosek o wydanie dowodu osobistego (gov.pl)' });
  await expect(form).toHaveAttribute('href', 'https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty');
  await expect(form).toHaveAttribute('target', '_blank');
  await expect(form).toHaveAttribute('rel', /noopener/);
});

test('the knowledge base with results and an open card has no serious accessibility violations', async ({ kb: page }) => {
  await search(page).fill('zgubilem dowod');
  await expect(hits(page).first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('kb-article')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);
});

test('a consultant marks a card as the answer, or says what was missing, and the counts follow', async ({ kb: page }) => {
  await search(page).fill('zgubilem dowod');
  await hits(page).first().click();
  const article = page.getByTestId('kb-article');
  await expect(article.getByTestId('kb-usage-counts')).toHaveText('Odpowiedziała: 0 · Nie pomogła: 0');
  await article.getByRole('button', { name: 'Ta karta odpowiedziała na pytanie' }).click();
  await expect(article.getByTestId('kb-feedback-saved')).toHaveText('Zapisano: karta odpowiedziała na pytanie.');
  await expect(article.getByTestId('kb-usage-counts')).toHaveText('Odpowiedziała: 1 · Nie pomogła: 0');

  await article.getByRole('button', { name: 'Nie pomogła' }).click();
  const remark = article.getByRole('textbox', { name: 'Czego zabrakło w tej karcie?' });
  await remark.fill('x'.repeat(1001));
  await expect(article.getByText('Uwaga może mieć najwyżej 1000 znaków.')).toBeVisible();
  await expect(article.getByRole('button', { name: 'Wyślij uwagę' })).toBeDisabled();
  await remark.fill('<b>Brak</b> informacji o opłacie');
  await article.getByRole('button', { name: 'Wyślij uwagę' }).click();
  await expect(article.getByTestId('kb-feedback-saved')).toHaveText('Zapisano uwagę dla redakcji bazy wiedzy.');
  await expect(article.getByTestId('kb-usage-counts')).toHaveText('Odpowiedziała: 1 · Nie pomogła: 1');
  await expect(page.getByTestId('status-unsent')).toContainText('2');
  expect(await seriousViolations(page)).toEqual([]);
});
