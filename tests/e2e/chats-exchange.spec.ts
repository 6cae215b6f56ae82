import { testWithBackend } from './city-backend';
import { keepDeskLogOnFailure, acceptOffer, chats, deskMessages, deskReadyForChats, deskSays, openResident, residentMessages, residentSays, seriousViolations } from './chats-helpers';
import { expect } from './fixtures';

// A resident on the backend's chat page (a second Chromium context) and the desk, through the real backend.

const test = testWithBackend;

test.use({ reducedMotion: 'reduce' });

test.afterEach(async ({ desk }, testInfo) => keepDeskLogOnFailure(desk, testInfo));

test('offer, accept, exchange both ways; script is text; long, emoji and Polish letters; close with wrap-up and rating', async ({ deskPage: page, backend, browser }) => {
  await deskReadyForChats(page, backend.url);
  await expect(chats(page).getByTestId('chats-state')).toHaveText('Brak rozmów. Nowe czaty pojawią się tutaj, gdy masz status „Dostępny”.');

  const resident = await openResident(browser, backend.url, 'Zofia Gęślą');
  await residentSays(resident, 'Dzień dobry 👋 zażółć gęślą jaźń');
  await expect(residentMessages(resident)).toHaveText(['Dzień dobry 👋 zażółć gęślą jaźń']);

  const offer = chats(page).getByRole('group', { name: 'Nowy czat: Zofia Gęślą' });
  await expect(offer).toBeVisible();
  expect(await seriousViolations(page, '[data-region="chats"]')).toEqual([]);
  await acceptOffer(page, 'Zofia Gęślą');
  await expect(deskMessages(page)).toHaveText(['Dzień dobry 👋 zażółć gęślą jaźń']);
  await expect(resident.getByRole('status').first()).toHaveText('Rozmawiasz z: Anna Konsultantka');

  // The desk answers; the resident reads it; the desk sees "read".
  await deskSays(page, 'Dzień dobry, w czym mogę pomóc? <b>pogrubienie</b>');
  await expect(residentMessages(resident).last()).toHaveText('Dzień dobry, w czym mogę pomóc? <b>pogrubienie</b>');
  await expect(chats(page).getByTestId('chat-mark').last()).toHaveText(/przeczytano/);

  // Script in a message is shown as text on both sides, never run.
  const script = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';
  await residentSays(resident, script);
  await expect(deskMessages(page).last()).toHaveText(script);
  await deskSays(page, script);
  await expect(residentMessages(resident).last()).toHaveText(script);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await resident.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(chats(page).locator('img')).toHaveCount(0);

  // Typing indicator.
  await resident.getByLabel('Wiadomość').pressSequentially('Pi');
  await expect(chats(page).getByTestId('chat-typing')).toHaveText('Mieszkaniec pisze…');

  // A very long message within the limit arrives whole; over the limit is refused plainly and kept in the box.
  const long = `${'Bardzo długa wiadomość o remoncie ulicy Świętokrzyskiej. '.repeat(34)}koniec`.slice(0, 2000);
  await deskSays(page, long);
  await expect(residentMessages(resident).last()).toHaveText(long);
  const composer = chats(page).getByTestId('chat-composer');
  await composer.fill('ż'.repeat(2001));
  await composer.press('Enter');
  await expect(chats(page).getByText('Wiadomość jest za długa: najwyżej 2000 znaków (teraz 2001). Skróć ją lub podziel na kilka wiadomości.')).toBeVisible();
  await expect(composer).toHaveValue('ż'.repeat(2001));
  await composer.fill('');
  await residentSays(resident, 'x'.repeat(2001));
  await expect(resident.getByRole('alert')).toHaveText('Wiadomość jest za długa: najwyżej 2000 znaków (jest 2001).');

  // Close with a wrap-up code; the resident rates 4; the desk sees the rating.
  await chats(page).getByRole('button', { name: 'Zakończ' }).click();
  const close = page.getByRole('dialog', { name: 'Zakończ rozmowę' });
  await close.getByLabel('Kod zakończenia').selectOption('info_given');
  expect(await seriousViolations(page)).toEqual([]);
  await close.getByRole('button', { name: 'Zakończ rozmowę' }).click();
  await expect(close).toBeHidden();
  await expect(resident.getByRole('status').first()).toHaveText('Rozmowa zakończona.');
  await resident.getByRole('button', { name: '4' }).click();
  await expect(chats(page).getByTestId('chat-ended')).toHaveText('Rozmowa zakończona: Udzielono informacji. Ocena mieszkańca: 4 z 5.');
  await resident.context().close();
});
