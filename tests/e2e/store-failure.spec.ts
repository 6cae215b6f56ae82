import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import { startDesk, tempDataDir } from './desk-host';
import { expect, test } from './fixtures';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

test('a database from a newer version gets a clear screen and is left untouched', async ({ page }) => {
  const dataDir = tempDataDir('desk-e2e-newer-');
  const file = join(dataDir, 'desk.sqlite');
  // As a newer release of this app would leave it: WAL mode, some data, a higher schema version.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE future_things (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO future_things (note) VALUES ('zgłoszenie z przyszłości');");
  db.pragma('user_version = 999');
  db.close();
  const before = sha256(file);

  const desk = await startDesk(dataDir);
  try {
    await page.goto(desk.url);
    await expect(page.locator('html')).toHaveAttribute('data-store-state', 'failed');
    const screen = page.getByTestId('store-failure');
    await expect(screen).toHaveAttribute('data-reason', 'newer_version');
    await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Baza danych pochodzi z nowszej wersji aplikacji');
    await expect(screen).toContainText('zapisana przez nowszą wersję Konsoli Konsultanta (schemat 999');
    await expect(screen).toContainText('Zainstaluj nowszą wersję aplikacji.');
    await expect(page.getByTestId('store-failure-path')).toHaveText(file);
    await expect(page.getByRole('button', { name: 'Kopiuj ścieżkę' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spróbuj ponownie' })).toBeVisible();
    await expect(page.locator('html')).not.toHaveAttribute('data-desk-ready', 'true');

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  } finally {
    await desk.stop();
  }
  expect(sha256(file)).toBe(before);
  const reopened = new Database(file, { readonly: true });
  expect(reopened.pragma('user_version', { simple: true })).toBe(999);
  reopened.close();
});

test('a damaged database is moved aside and a banner says where', async ({ page }) => {
  const dataDir = tempDataDir('desk-e2e-corrupt-');
  writeFileSync(join(dataDir, 'desk.sqlite'), Buffer.from('to nie jest baza danych SQLite, tylko śmieci '.repeat(200)));
  const desk = await startDesk(dataDir);
  try {
    await page.goto(desk.url);
    await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
    const banner = page.getByTestId('recovered-banner');
    await expect(banner).toContainText('Baza danych była uszkodzona');
    const moved = readdirSync(dataDir).find((name) => /^desk\.sqlite\.corrupt-/.test(name));
    expect(moved).toBeDefined();
    await expect(banner).toContainText(join(dataDir, moved ?? ''));
    await banner.getByRole('button', { name: 'Zamknij komunikat' }).click();
    await expect(banner).toBeHidden();
  } finally {
    await desk.stop();
  }
});
