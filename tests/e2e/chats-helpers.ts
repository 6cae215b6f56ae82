import type { Browser, Page, TestInfo } from '@playwright/test';
import type { RunningDesk } from './desk-host';
import { expect } from './fixtures';

/** The desk: backend address set, signed in, status Available (so chats are routed to it). */
export async function deskReadyForChats(page: Page, backendUrl: string, username = 'konsultant'): Promise<void> {
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Ustawienia' });
  await settings.getByLabel('Adres backendu miasta').fill(backendUrl);
  await settings.getByRole('button', { name: 'Zapisz' }).click();
  await expect(settings).toBeHidden();
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  const signIn = page.getByRole('dialog', { name: 'Logowanie do backendu miasta' });
  await signIn.getByLabel('Nazwa użytkownika').fill(username);
  await signIn.getByLabel('Hasło').fill(username);
  await signIn.getByLabel('Hasło').press('Enter');
  await expect(signIn).toBeHidden();
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('status-agent')).toHaveText('Status: Dostępny');
  await expect(page.getByTestId('status-unsent')).toHaveText('Niewysłane: 0');
}

/** A resident on the backend's chat page, in a browser context of their own. */
export async function openResident(browser: Browser, backendUrl: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${backendUrl}/chat`);
  await page.getByLabel('Imię').fill(name);
  await page.getByRole('button', { name: 'Rozpocznij czat' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-connected', 'true');
  return page;
}

export async function residentSays(page: Page, text: string): Promise<void> {
  await page.getByLabel('Wiadomość').fill(text);
  await page.getByLabel('Wiadomość').press('Enter');
}

export const residentMessages = (page: Page) => page.locator('#messages li:not(.pending) .text');

export const chats = (page: Page) => page.getByRole('region', { name: 'Czaty' });

/** Accepts the offer for `name` and waits until its pane is shown. */
export async function acceptOffer(page: Page, name: string): Promise<void> {
  const offer = chats(page).getByRole('group', { name: `Nowy czat: ${name}` });
  await offer.getByRole('button', { name: 'Przyjmij' }).click();
  await expect(offer).toHaveCount(0);
  await expect(chats(page).getByTestId('chat-resident')).toContainText(name);
}

export async function deskSays(page: Page, text: string): Promise<void> {
  const composer = chats(page).getByTestId('chat-composer');
  await composer.fill(text);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
}

export const deskMessages = (page: Page) => chats(page).getByTestId('chat-message-text');

export { seriousViolations } from './axe';

/** A failed chat test keeps the desk host's log (sync retries, chat frames refused): the cause, not just the symptom. */
export async function keepDeskLogOnFailure(desk: RunningDesk, testInfo: TestInfo): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('desk-log', { body: desk.log.join('\n'), contentType: 'text/plain' });
}
