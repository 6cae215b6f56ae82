import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Points the desk at a city backend through the settings dialog (Ctrl+,), as a consultant would. */
export async function setBackendAddress(page: Page, url: string): Promise<void> {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Ustawienia' });
  await dialog.getByLabel('Adres backendu miasta').fill(url);
  await dialog.getByRole('button', { name: 'Zapisz' }).click();
  await expect(dialog).toBeHidden();
}

/** Signs in through the sign-in dialog (it does not wait for the result: tests check it). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  const dialog = page.getByRole('dialog', { name: 'Logowanie do backendu miasta' });
  await dialog.getByLabel('Nazwa użytkownika').fill(username);
  await dialog.getByLabel('Hasło').fill(password);
  await dialog.getByLabel('Hasło').press('Enter');
}
