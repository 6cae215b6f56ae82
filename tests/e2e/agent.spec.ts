import { expect, statusBar, test } from './fixtures';

test('changing the agent state is stored and counted as unsent work', async ({ deskPage: page }) => {
  const bar = statusBar(page);
  await expect(bar.unsent).toHaveText('Niewysłane: 0');

  await page.keyboard.press('Control+Shift+B');
  await expect(bar.agent).toHaveText('Status: Niedostępny – przerwa');
  await expect(bar.unsent).toHaveText('Niewysłane: 1');

  await page.getByRole('button', { name: /Mój status/ }).click();
  await page.getByRole('menuitemradio', { name: 'Praca po rozmowie' }).click();
  await expect(bar.agent).toHaveText('Status: Praca po rozmowie');
  await expect(bar.unsent).toHaveText('Niewysłane: 2');
  await expect(page.getByRole('button', { name: /Mój status/ })).toHaveText('Praca po rozmowie');

  await page.keyboard.press('Control+Shift+A');
  await expect(bar.agent).toHaveText('Status: Dostępny');
  await expect(bar.unsent).toHaveText('Niewysłane: 3');

  // Stored by the core, not only shown: a reload reads it back.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
  await expect(bar.agent).toHaveText('Status: Dostępny');
  await expect(bar.unsent).toHaveText('Niewysłane: 3');
});
