import { expect, region, test } from './fixtures';

test('F1 opens the shortcut overlay and Escape closes it', async ({ deskPage: page }) => {
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' });
  await expect(help).toBeVisible();
  for (const group of ['Ogólne', 'Nawigacja', 'Mój status']) await expect(help.locator('caption', { hasText: group })).toBeVisible();
  await expect(help.getByRole('row', { name: /Przełącz język/ })).toContainText('Ctrl+Shift+L');
  await expect(help.getByRole('row', { name: /Szukaj w bazie wiedzy/ })).toContainText('Ctrl+K lub F3');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('Alt+1..5 and F6 move focus between the regions', async ({ deskPage: page }) => {
  const regions = ['Telefon', 'Karta rozmówcy', 'Baza wiedzy', 'Zgłoszenia', 'Czaty'];
  for (const [index, name] of regions.entries()) {
    await page.keyboard.press(`Alt+${index + 1}`);
    await expect(region(page, name)).toBeFocused();
  }
  await page.keyboard.press('F6'); // from the last back to the first
  await expect(region(page, 'Telefon')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(region(page, 'Karta rozmówcy')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(region(page, 'Telefon')).toBeFocused();
  // Focus is visible on the region itself.
  await expect(region(page, 'Telefon')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('F6');
  await expect(region(page, 'Telefon')).toHaveCSS('outline-style', 'none');
});

test('F3 and Ctrl+K focus the knowledge-base search; Ctrl+, opens the settings', async ({ deskPage: page }) => {
  const search = page.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' });
  await page.keyboard.press('F3');
  await expect(search).toBeFocused();
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Control+K');
  await expect(search).toBeFocused();
  // Typing in a field triggers nothing; a Ctrl shortcut still works from there.
  await page.keyboard.type('1');
  await expect(search).toHaveValue('1');
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('dialog', { name: 'Ustawienia' })).toBeVisible();
  // While a dialog is open it owns the keyboard: region shortcuts do nothing.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('dialog', { name: 'Ustawienia' }).getByLabel('Adres backendu miasta')).toBeFocused();
  await expect(page.locator('#region-tickets')).not.toBeFocused();
});
