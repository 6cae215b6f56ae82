import { testWithBackend } from './city-backend';
import { keepDeskLogOnFailure, acceptOffer, chats, deskMessages, deskReadyForChats, deskSays, openResident, residentMessages, residentSays } from './chats-helpers';
import { expect } from './fixtures';

// Three chats at once: tabs with unread counts, switching with the keyboard, transfer to a queue with a note.

const test = testWithBackend;

test.afterEach(async ({ desk }, testInfo) => keepDeskLogOnFailure(desk, testInfo));

test('three chats side by side: unread counts, Alt+PageDown switches, each reply reaches only its resident; transfer to a queue', async ({ deskPage: page, backend, browser }) => {
  test.setTimeout(120_000);
  await deskReadyForChats(page, backend.url);
  const names = ['Ala Ąbecka', 'Bartek Ćwik', 'Celina Źdźbło'];
  const residents = [];
  for (const name of names) {
    const resident = await openResident(browser, backend.url, name);
    await residentSays(resident, `Pytanie od ${name}`);
    await expect(residentMessages(resident)).toHaveText([`Pytanie od ${name}`]);
    await acceptOffer(page, name);
    residents.push(resident);
  }
  const tabs = chats(page).getByTestId('chat-tab');
  await expect(tabs).toHaveCount(3);
  // The third is shown; the first writes again: its tab counts one unread.
  await residentSays(residents[0]!, 'Halo, jest ktoś?');
  await expect(tabs.nth(0)).toHaveAccessibleName('Ala Ąbecka, nieprzeczytane: 1');
  await expect(tabs.nth(2)).toHaveAccessibleName('Celina Źdźbło');

  // Alt+PageDown from the third goes round to the first: shown means read, the count goes.
  await chats(page).getByTestId('chat-composer').focus();
  await page.keyboard.press('Alt+PageDown');
  await expect(chats(page).getByTestId('chat-resident')).toContainText('Ala Ąbecka');
  await expect(tabs.nth(0)).toHaveAccessibleName('Ala Ąbecka');
  await expect(deskMessages(page)).toHaveText(['Pytanie od Ala Ąbecka', 'Halo, jest ktoś?']);
  await deskSays(page, 'Tak, słucham – Ala');
  await page.keyboard.press('Alt+PageDown');
  await expect(chats(page).getByTestId('chat-resident')).toContainText('Bartek Ćwik');
  await deskSays(page, 'Dzień dobry – Bartek');
  await expect(residentMessages(residents[0]!).last()).toHaveText('Tak, słucham – Ala');
  await expect(residentMessages(residents[1]!).last()).toHaveText('Dzień dobry – Bartek');
  await expect(residentMessages(residents[2]!)).toHaveText(['Pytanie od Celina Źdźbło']);

  // Transfer Bartek to the transport queue with a note: his pane becomes read-only here, he is told to wait.
  await chats(page).getByRole('button', { name: 'Przekaż' }).click();
  const dialog = page.getByRole('dialog', { name: 'Przekaż rozmowę' });
  await dialog.getByLabel('Kolejka').selectOption('transport');
  await dialog.getByLabel('Notatka dla przejmującego').fill('Pyta o objazd na Grochowskiej');
  await dialog.getByRole('button', { name: 'Przekaż' }).click();
  await expect(dialog).toBeHidden();
  await expect(chats(page).getByTestId('chat-released')).toBeVisible();
  await expect(residents[1]!.getByRole('status').first()).toHaveText('Czekasz na konsultanta…');
  // The only consultant here was its sender; the chat waits in its new queue and comes back as an offer once the cooldown allows.
  for (const resident of residents) await resident.context().close();
});
