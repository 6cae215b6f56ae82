import { expect, test } from './fixtures';
import { seriousViolations } from './axe';


for (const colorScheme of ['light', 'dark'] as const) {
  test(`the desk has no serious accessibility violations (${colorScheme})`, async ({ page, desk }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(desk.url);
    await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the open settings dialog and the shortcut overlay have no serious accessibility violations', async ({ deskPage: page }) => {
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('dialog', { name: 'Ustawienia' })).toBeVisible();
  // Show field messages too: they must be as readable as the rest.
  await page.getByLabel('Adres backendu miasta').fill('not a url');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await expect(page.getByTestId('settings-invalid')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'Skróty klawiszowe' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
