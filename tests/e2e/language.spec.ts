import { expect, region, test } from './fixtures';

test('the language switches to English at run time from the settings', async ({ deskPage: page }) => {
  await page.getByRole('button', { name: 'Ustawienia' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ustawienia' });
  await dialog.getByLabel('Język').selectOption('en');
  // No reload: the open dialog itself is already in English.
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Escape');
  await expect(region(page, 'Knowledge base')).toBeVisible();
  await expect(region(page, 'Phone')).toContainText('SIP account not configured.');
  await expect(page.getByTestId('status-backend')).toHaveText('City backend: not configured');
  await expect(page.getByTestId('status-unsent')).toHaveText('Unsent: 0');
});

test('Ctrl+Shift+L toggles between Polish and English', async ({ deskPage: page }) => {
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(region(page, 'Tickets')).toContainText('No tickets on this desk.');
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(region(page, 'Zgłoszenia')).toContainText('Brak zgłoszeń na tym stanowisku.');
});
