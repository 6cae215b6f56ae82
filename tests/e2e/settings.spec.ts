import type { Locator, Page } from '@playwright/test';
import { startDesk } from './desk-host';
import { expect, openDesk, region, test } from './fixtures';

const openSettings = async (page: Page): Promise<Locator> => {
  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: /Ustawienia|Settings/ });
  await expect(dialog).toBeVisible();
  return dialog;
};

/** The Fluent Field around an input: its validation message is rendered inside it. */
const field = (dialog: Locator, label: string): Locator => dialog.locator('.fui-Field').filter({ has: dialog.page().getByLabel(label, { exact: true }) });

test('settings survive a restart of the core', async ({ page, desk }) => {
  await openDesk(page, desk);
  let dialog = await openSettings(page);
  await dialog.getByLabel('Adres backendu miasta').fill('http://127.0.0.1:9/api');
  await dialog.getByLabel('Serwer SIP (WebSocket)').fill('wss://sip.example.gov.pl:7443');
  await dialog.getByLabel('Adres SIP (URI)').fill('sip:konsultant12@example.gov.pl');
  await dialog.getByLabel('Użytkownik do autoryzacji').fill('konsultant12');
  await dialog.getByLabel('Nazwa wyświetlana').fill('Zofia Wąsowska-Żak');
  await dialog.getByLabel('Ważność rejestracji (sekundy)').fill('300');
  await dialog.getByRole('button', { name: 'Zapisz' }).click();
  await expect(dialog).toBeHidden();
  // The softphone now tries the configured server (unreachable here) and says so.
  await expect(region(page, 'Telefon')).toContainText(/Łączenie z centralą…|Nie można nawiązać połączenia WebSocket z serwerem SIP/);
  await expect(region(page, 'Telefon')).toContainText('Konto: sip:konsultant12@example.gov.pl');
  await expect(page.getByTestId('status-backend')).toHaveText(/Backend miasta: (sprawdzanie…|nieosiągalny)/);
  await page.keyboard.press('Control+Shift+L'); // the language is a setting too

  await desk.stop();
  await expect(page.locator('html')).toHaveAttribute('data-core-connection', 'reconnecting');

  const restarted = await startDesk(desk.dataDir);
  try {
    await openDesk(page, restarted);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(region(page, 'Phone')).toContainText('Account: sip:konsultant12@example.gov.pl');
    dialog = await openSettings(page);
    await expect(dialog.getByLabel('City backend address')).toHaveValue('http://127.0.0.1:9/api');
    await expect(dialog.getByLabel('SIP server (WebSocket)')).toHaveValue('wss://sip.example.gov.pl:7443');
    await expect(dialog.getByLabel('Authorization user')).toHaveValue('konsultant12');
    await expect(dialog.getByLabel('Display name')).toHaveValue('Zofia Wąsowska-Żak');
    await expect(dialog.getByLabel('Registration expiry (seconds)')).toHaveValue('300');
  } finally {
    await restarted.stop();
  }
});

test('invalid settings are refused with messages that name the field, and typed values stay', async ({ deskPage: page }) => {
  const dialog = await openSettings(page);
  const backend = dialog.getByLabel('Adres backendu miasta');
  await backend.fill('not a url');
  await dialog.getByLabel('Adres SIP (URI)').fill('alice@');
  await dialog.getByLabel('Ważność rejestracji (sekundy)').fill('30');
  await dialog.getByRole('button', { name: 'Zapisz' }).click();

  await expect(dialog.getByTestId('settings-invalid')).toContainText('Nie zapisano ustawień');
  await expect(field(dialog, 'Adres backendu miasta')).toContainText('Adres backendu miasta: to nie jest poprawny adres');
  await expect(field(dialog, 'Adres SIP (URI)')).toContainText('Adres SIP (URI): to nie jest poprawny adres SIP');
  await expect(field(dialog, 'Serwer SIP (WebSocket)')).toContainText('Serwer SIP (WebSocket): podaj serwer SIP, skoro podano adres SIP');
  await expect(field(dialog, 'Ważność rejestracji (sekundy)')).toContainText('podaj wartość od 60 do 3600 sekund');
  await expect(backend).toHaveAttribute('aria-invalid', 'true');
  // Nothing the consultant typed is lost.
  await expect(backend).toHaveValue('not a url');
  await expect(dialog.getByLabel('Adres SIP (URI)')).toHaveValue('alice@');
  await expect(dialog.getByLabel('Ważność rejestracji (sekundy)')).toHaveValue('30');

  await backend.fill('http://example.com:99999');
  await dialog.getByRole('button', { name: 'Zapisz' }).click();
  await expect(field(dialog, 'Adres backendu miasta')).toContainText('Adres backendu miasta: numer portu musi mieścić się w zakresie 1–65535');
  await expect(backend).toHaveValue('http://example.com:99999');

  await backend.fill('http://example.com/api');
  await dialog.getByRole('button', { name: 'Zapisz' }).click();
  await expect(field(dialog, 'Adres backendu miasta')).toContainText('http:// jest dozwolone tylko dla tego komputera');

  // Refused means not saved: the desk still runs on the old settings.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-backend')).toHaveText('Backend miasta: nieskonfigurowany');
  await expect(region(page, 'Telefon')).toContainText('Konto SIP nie jest skonfigurowane.');
});

test('field messages follow the language', async ({ deskPage: page }) => {
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const dialog = await openSettings(page);
  await dialog.getByLabel('SIP address (URI)').fill('alice@');
  await dialog.getByLabel('SIP server (WebSocket)').fill('wss://sip.example.gov.pl');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(field(dialog, 'SIP address (URI)')).toContainText('SIP address (URI): this is not a valid SIP address');
});
