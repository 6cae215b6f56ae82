import { readDatabase } from '../helpers/sqlite';
import { startCityBackend } from './city-backend';
import type { RunningBackend } from './city-backend';
import { acceptOffer, chats, deskReadyForChats, keepDeskLogOnFailure, openResident, residentMessages, residentSays, seriousViolations } from './chats-helpers';
import { test as base, expect } from './fixtures';

// Issue 6 through the chats: from a knowledge-base card, "Wyślij mieszkańcowi" into the open chat,
// by SMS and by e-mail, each through the outbox to the real backend; the card is recorded as the answer.

const test = base.extend<{ backend: RunningBackend }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  backend: async ({}, use) => {
    const backend = await startCityBackend();
    await use(backend);
    await backend.stop();
  },
});

test.afterEach(async ({ desk }, testInfo) => keepDeskLogOnFailure(desk, testInfo));

test('a knowledge-base answer goes to the resident by chat, SMS and e-mail; bad numbers and addresses are refused in Polish', async ({ deskPage: page, backend, browser }) => {
  test.setTimeout(120_000);
  await deskReadyForChats(page, backend.url);
  const resident = await openResident(browser, backend.url, 'Zofia Dowodowa');
  await residentSays(resident, 'Zgubiłam dowód, co robić?');
  await acceptOffer(page, 'Zofia Dowodowa');

  // The chat shortcuts are in the F1 list; Alt+K goes to the composer's knowledge-base field.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' });
  await expect(help.getByRole('row', { name: /Czaty: następna rozmowa/ })).toContainText('Alt+PageDown');
  await page.keyboard.press('Escape');
  await chats(page).getByTestId('chat-composer').focus();
  await page.keyboard.press('Alt+K');
  await expect(chats(page).getByTestId('chat-kb-search')).toBeFocused();

  // The card, found as a consultant types.
  const search = page.getByRole('searchbox', { name: 'Szukaj w bazie wiedzy' });
  await search.fill('zgubilem dowod');
  await expect(page.getByRole('listbox', { name: 'Wyniki wyszukiwania w bazie wiedzy' }).getByRole('option').first()).toBeVisible();
  await search.press('ArrowDown');
  await search.press('Enter');
  const article = page.getByTestId('kb-article');
  const title = (await article.locator('h3').textContent())!;

  // Into the open chat.
  await article.getByRole('button', { name: 'Wyślij mieszkańcowi' }).click();
  const dialog = page.getByRole('dialog', { name: 'Wyślij odpowiedź mieszkańcowi' });
  await expect(dialog.getByRole('radio', { name: 'Do otwartej rozmowy czatu' })).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Wyślij' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('kb-send-toast')).toContainText('Odpowiedź wysłana do rozmowy z: Zofia Dowodowa.');
  await expect(residentMessages(resident).last()).toContainText(title);

  // By SMS: a wrong number is refused plainly, a right one is queued for the gateway.
  await article.getByRole('button', { name: 'Wyślij mieszkańcowi' }).click();
  await dialog.getByRole('radio', { name: 'SMS-em' }).check();
  // An SMS gets the short answer (where and when, forms and links), within the SMS limit.
  const smsText = await dialog.getByLabel(/^Treść/).inputValue();
  expect(smsText.startsWith(title)).toBe(true);
  expect(smsText).toContain('Formularze i linki');
  expect(smsText).toMatch(/\(https:\/\/www\.gov\.pl\/[^)]+\)/);
  expect(smsText.length).toBeLessThanOrEqual(918);
  await dialog.getByLabel('Numer telefonu').fill('12 ab');
  await dialog.getByRole('button', { name: 'Wyślij' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('To nie jest poprawny numer telefonu. Wpisz np. 601 234 567 lub +48 601 234 567.');
  await dialog.getByLabel('Numer telefonu').fill('601 234 567');
  await dialog.getByRole('button', { name: 'Wyślij' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('kb-send-toast').last()).toContainText('SMS do +48601234567 przekazany do wysłania przez bramkę SMS.');

  // By e-mail: said plainly that it waits for the city's mail relay.
  await article.getByRole('button', { name: 'Wyślij mieszkańcowi' }).click();
  await dialog.getByRole('radio', { name: 'E-mailem' }).check();
  await dialog.getByLabel('Adres e-mail').fill('jan.kowalski@');
  await dialog.getByRole('button', { name: 'Wyślij' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('To nie jest poprawny adres e-mail (np. jan.kowalski@example.pl).');
  await dialog.getByLabel('Adres e-mail').fill('jan.kowalski@example.pl');
  await expect(dialog.getByLabel('Temat')).toHaveValue(title);
  await dialog.getByRole('button', { name: 'Wyślij' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('kb-send-toast').last()).toContainText('czeka w kolejce na miejski serwer pocztowy');

  // Everything reached the backend through the outbox: two queued messages, three uses of the card (one with the chat).
  await expect(page.getByTestId('status-unsent')).toHaveText('Niewysłane: 0');
  const outgoing = readDatabase(backend.dbFile, (db) => db.prepare('SELECT channel, recipient, status FROM outgoing_messages ORDER BY channel').all());
  expect(outgoing).toEqual([
    { channel: 'email', recipient: 'jan.kowalski@example.pl', status: 'queued' },
    { channel: 'sms', recipient: '+48601234567', status: 'queued' },
  ]);
  const uses = readDatabase(backend.dbFile, (db) => db.prepare("SELECT chat_id FROM kb_usage WHERE kind = 'answered'").all() as { chat_id: string | null }[]);
  expect(uses).toHaveLength(3);
  expect(uses.filter((use) => use.chat_id !== null)).toHaveLength(1);
  await resident.context().close();
});
