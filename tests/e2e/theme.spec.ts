import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** What a region is painted with proves the theme reached the screen, not just an attribute. */
const PAINT = { light: 'rgb(255, 255, 255)', dark: 'rgb(41, 41, 41)', 'high-contrast': 'rgb(0, 0, 0)' } as const;
type Painted = keyof typeof PAINT;

async function expectTheme(page: Page, theme: Painted): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  // By id: while a dialog is open the desk behind it is hidden from the accessibility tree.
  await expect(page.locator('#region-kb')).toHaveCSS('background-color', PAINT[theme]);
}

const html = (page: Page) => page.locator('html');

test('"system" follows the colour scheme and forced colours live', async ({ page, desk }) => {
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  await page.goto(desk.url);
  await expect(html(page)).toHaveAttribute('data-desk-ready', 'true');
  await expectTheme(page, 'light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expectTheme(page, 'dark');

  // Forced colours repaint the page with the system's own colours: only the choice is ours to check.
  await page.emulateMedia({ forcedColors: 'active' });
  await expect(html(page)).toHaveAttribute('data-theme', 'high-contrast');

  await page.emulateMedia({ forcedColors: 'none', contrast: 'more' });
  await expectTheme(page, 'high-contrast');
  await page.emulateMedia({ contrast: 'no-preference' });
  await expectTheme(page, 'dark');

  await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
  await expectTheme(page, 'light');
});

test('a chosen theme overrides the system and applies at once', async ({ page, desk }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(desk.url);
  await expect(html(page)).toHaveAttribute('data-desk-ready', 'true');

  await page.getByRole('button', { name: 'Ustawienia' }).click();
  const theme = page.getByRole('dialog').getByLabel('Motyw');
  await theme.selectOption('dark');
  await expectTheme(page, 'dark');
  await theme.selectOption('high-contrast');
  await expectTheme(page, 'high-contrast');

  // The system now asks for dark, but the consultant chose high contrast: the choice wins.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(theme).toHaveValue('high-contrast');
  await expectTheme(page, 'high-contrast');
});

test('Ctrl+Shift+Y cycles system → light → dark → high contrast → system', async ({ page, desk }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(desk.url);
  await expect(html(page)).toHaveAttribute('data-desk-ready', 'true');
  await expectTheme(page, 'dark'); // system
  for (const expected of ['light', 'dark', 'high-contrast', 'dark'] as const) {
    await page.keyboard.press('Control+Shift+Y');
    await expectTheme(page, expected);
  }
});
