import { expect, region, statusBar, test } from './fixtures';

test('the desk opens in Polish with every region showing its real state', async ({ deskPage: page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.locator('html')).toHaveAttribute('data-core-connection', 'connected');
  await expect(page).toHaveTitle('Konsola Konsultanta');

  const bar = statusBar(page);
  await expect(bar.core).toHaveText('Rdzeń aplikacji: połączony');
  await expect(bar.backend).toHaveText('Backend miasta: nieskonfigurowany');
  await expect(bar.unsent).toHaveText('Niewysłane: 0');
  await expect(bar.agent).toHaveText('Status: Wylogowany');
  await expect(page.getByTestId('status-version')).toHaveText(/^Wersja \d+\.\d+\.\d+/);

  await expect(region(page, 'Telefon')).toContainText('Konto SIP nie jest skonfigurowane.');
  await expect(region(page, 'Karta rozmówcy')).toContainText('Brak aktywnej rozmowy.');
  await expect(region(page, 'Baza wiedzy')).toContainText('Offline: backend miasta nie jest skonfigurowany');
  await expect(region(page, 'Zgłoszenia')).toContainText('Brak zgłoszeń');
  await expect(region(page, 'Czaty')).toContainText('Czaty wymagają backendu miasta, który nie jest skonfigurowany.');
  await expect(page.getByRole('region')).toHaveCount(5);
});

test('the softphone sends the consultant to the SIP section of the settings', async ({ deskPage: page }) => {
  await page.getByRole('button', { name: 'Skonfiguruj konto SIP' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ustawienia' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Serwer SIP (WebSocket)')).toBeFocused();
});

test('the knowledge-base search says honestly that there is nothing to find', async ({ deskPage: page }) => {
  await page.keyboard.press('Control+K');
  const search = page.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' });
  await expect(search).toBeFocused();
  await page.keyboard.type('wywóz odpadów');
  await expect(page.getByTestId('kb-results')).toHaveText('Brak wyników dla „wywóz odpadów” – baza wiedzy jest pusta.');
});

test('the status bar shows a lost core connection', async ({ deskPage: page, desk }) => {
  await desk.stop();
  await expect(page.locator('html')).toHaveAttribute('data-core-connection', 'reconnecting');
  await expect(statusBar(page).core).toHaveText('Rdzeń aplikacji: brak połączenia, ponawianie…');
});
