import type { Page } from '@playwright/test';
import { startTestCore } from '../helpers/core';
import { startDesk, tempDataDir } from './desk-host';
import type { RunningDesk } from './desk-host';
import { test as base, expect, openDesk, region } from './fixtures';
import { seriousViolations } from './axe';

const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);
const SCRIPT_NAME = '<img src=x onerror="window.__pwned=1">Jan';

/** Seeds the desk's store through the real core's own requests, then closes it for the host. */
async function seed(dataDir: string): Promise<void> {
  const test = startTestCore(dataDir);
  const { ok } = test;
  try {
    await ok('contacts.create', { name: 'Anna Kowalska', phones: ['0048 601 234 567'], consent: 'consent', flags: ['hearing_impaired'], addresses: ['ul. Żółta 5, Kraków'] });
    for (const [i, number] of ['+48601234567', '601 234 567', 'sip:+48601234567@pbx.example;user=phone'].entries()) {
      await ok('calls.started', { id: `seed-${i}`, direction: 'inbound', remoteNumber: number, remoteName: null, startedAt: T0 + i * 3_600_000 });
      await ok('calls.ended', { id: `seed-${i}`, endedAt: T0 + i * 3_600_000 + 60_000, outcome: i === 1 ? 'missed' : 'answered' });
    }
    await ok('calls.update', { id: 'seed-2', notes: 'Zgłasza dziurę w jezdni', ticketIds: ['0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001'] });
    await ok('contacts.create', { name: SCRIPT_NAME, phones: ['601 000 999'], consent: 'public_task' });
  } finally {
    test.core.close();
  }
}

const test = base.extend<{ card: Page; seeded: RunningDesk }>({
  // eslint-disable-next-line no-empty-pattern -- needs no other fixture
  seeded: async ({}, use) => {
    const dir = tempDataDir();
    await seed(dir);
    const desk = await startDesk(dir);
    try {
      await use(desk);
    } finally {
      await desk.stop();
    }
  },
  card: async ({ page, seeded }, use) => {
    await openDesk(page, seeded);
    await use(page);
  },
});
test.use({ reducedMotion: 'reduce' });

const callerRegion = (page: Page) => region(page, 'Karta rozmówcy');
const searchBox = (page: Page) => callerRegion(page).getByRole('searchbox', { name: 'Szukaj rozmówcy' });

test('search finds a caller by name and shows the card: flags, open ticket, history newest first', async ({ card: page }) => {
  await searchBox(page).fill('kowalska');
  await callerRegion(page).getByRole('button', { name: 'Wybierz: Anna Kowalska' }).click();
  await expect(page.getByTestId('caller-name')).toHaveText('Anna Kowalska');
  await expect(page.getByTestId('caller-flags')).toHaveText('Osoba słabosłysząca');
  await expect(page.getByTestId('caller-open-tickets')).toHaveText('1 otwarte zgłoszenie');
  const items = page.getByTestId('caller-history-item');
  // Three calls written in three formats, and the ticket linked to the newest one.
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toHaveAttribute('data-kind', /call|ticket/);
  await expect(page.getByTestId('caller-history').locator('[data-kind="call"]').first()).toContainText('Zgłasza dziurę w jezdni');
  await expect(page.getByTestId('caller-history').locator('[data-kind="ticket"]')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('caller-history').locator('[data-kind="call"]').nth(1)).toContainText('nieodebrane');

  expect(await seriousViolations(page, '[data-region="caller"]')).toEqual([]);
});

test('a contact name holding script renders as text', async ({ card: page }) => {
  await searchBox(page).fill('601 000 999');
  await callerRegion(page).getByRole('button', { name: `Wybierz: ${SCRIPT_NAME}` }).click();
  await expect(page.getByTestId('caller-name')).toHaveText(SCRIPT_NAME);
  await expect(callerRegion(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('an unknown number gets an empty card that becomes a contact once a name and consent are recorded', async ({ card: page }) => {
  await searchBox(page).fill('+48 22 111 22 33');
  await expect(page.getByTestId('caller-state')).toHaveText('Nie znaleziono rozmówcy dla „+48 22 111 22 33”.');
  await callerRegion(page).getByRole('button', { name: 'Otwórz kartę numeru +48 22 111 22 33' }).click();
  await expect(page.getByTestId('caller-unknown')).toHaveText('Nieznany numer +48 22 111 22 33');
  await callerRegion(page).getByLabel('Realizacja zadania publicznego').check();
  await callerRegion(page).getByRole('textbox', { name: 'Imię i nazwisko rozmówcy' }).fill('Zofia Wiśniewska');
  await callerRegion(page).getByRole('button', { name: 'Zapisz kontakt' }).click();
  await expect(page.getByTestId('caller-name')).toHaveText('Zofia Wiśniewska');
  // The new contact is found by its number from now on.
  await callerRegion(page).getByRole('button', { name: 'Wróć do wyszukiwania' }).click();
  await searchBox(page).fill('221112233');
  await expect(callerRegion(page).getByRole('button', { name: 'Wybierz: Zofia Wiśniewska' })).toBeVisible();
});
