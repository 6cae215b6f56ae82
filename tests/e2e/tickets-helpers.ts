import type { Page } from '@playwright/test';
import { expect, region } from './fixtures';

export { seriousViolations } from './axe';

/** Backend address, sign-in, and the first pull (the catalogue) done. */
export async function connectDesk(page: Page, url: string, user = 'konsultant', name = 'Anna Konsultantka'): Promise<void> {
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Ustawienia' });
  await settings.getByLabel('Adres backendu miasta').fill(url);
  await settings.getByRole('button', { name: 'Zapisz' }).click();
  await expect(settings).toBeHidden();
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  const dialog = page.getByRole('dialog', { name: 'Logowanie do backendu miasta' });
  await dialog.getByLabel('Nazwa użytkownika').fill(user);
  await dialog.getByLabel('Hasło').fill(user);
  await dialog.getByLabel('Hasło').press('Enter');
  await expect(page.getByTestId('auth-user')).toHaveText(name);
  await expect(page.getByTestId('status-sync')).toHaveText('Synchronizacja: wysłano');
}

export async function openTicketForm(page: Page) {
  await region(page, 'Zgłoszenia').getByRole('button', { name: 'Nowe zgłoszenie' }).click();
  const form = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
  await expect(form).toBeVisible();
  return form;
}

/** Signs in to the backend's API directly (as a supervisor or another desk would). */
export async function apiLogin(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function api(url: string, token: string, path: string, json?: unknown): Promise<Response> {
  return fetch(url + path, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json === undefined ? null : JSON.stringify(json),
  });
}
