import { FaultProxy } from '../helpers/fault-proxy';
import { readDatabase } from '../helpers/sqlite';
import { startCityBackend } from './city-backend';
import type { RunningBackend } from './city-backend';
import { keepDeskLogOnFailure, acceptOffer, chats, deskMessages, deskReadyForChats, deskSays, openResident, residentMessages, residentSays } from './chats-helpers';
import { test as base, expect } from './fixtures';

// The desk's network to the backend is cut mid-conversation: nothing written on either side is lost or doubled.

const test = base.extend<{ backend: RunningBackend; cut: { url: string; proxy: FaultProxy } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  backend: async ({}, use) => {
    const backend = await startCityBackend();
    await use(backend);
    await backend.stop();
  },
  cut: async ({ backend }, use) => {
    const proxy = new FaultProxy({ host: '127.0.0.1', port: backend.port });
    const url = await proxy.start();
    await use({ url, proxy });
    await proxy.stop();
  },
});

test.afterEach(async ({ desk }, testInfo) => keepDeskLogOnFailure(desk, testInfo));

test('messages written on both sides during a cut arrive after it, in order, exactly once', async ({ deskPage: page, backend, cut, browser }) => {
  test.setTimeout(120_000);
  await deskReadyForChats(page, cut.url);
  const resident = await openResident(browser, backend.url, 'Jan Przerwa');
  await residentSays(resident, 'Pierwsza wiadomość');
  await acceptOffer(page, 'Jan Przerwa');
  await deskSays(page, 'Odpowiedź przed przerwą');
  await expect(residentMessages(resident)).toHaveText(['Pierwsza wiadomość', 'Odpowiedź przed przerwą']);

  // The cable is pulled: every connection dropped, new ones refused.
  cut.proxy.fault = { mode: 'refuse' };
  cut.proxy.dropAll();
  await expect(chats(page).getByTestId('chats-state')).toContainText('Brak połączenia', { timeout: 20_000 });
  for (const text of ['Offline 1 ą', 'Offline 2 ę', 'Offline 3 🚲']) await deskSays(page, text);
  await expect(chats(page).getByTestId('chat-mark').filter({ hasText: 'czeka na wysłanie' })).toHaveCount(3);
  await residentSays(resident, 'Mieszkaniec w przerwie A');
  await residentSays(resident, 'Mieszkaniec w przerwie B');
  await expect(residentMessages(resident)).toHaveCount(4);

  // Back: the outbox goes in order, the pane fetches what it missed.
  cut.proxy.fault = { mode: 'pass' };
  const expected = ['Pierwsza wiadomość', 'Odpowiedź przed przerwą', 'Mieszkaniec w przerwie A', 'Mieszkaniec w przerwie B', 'Offline 1 ą', 'Offline 2 ę', 'Offline 3 🚲'];
  await expect(residentMessages(resident)).toHaveText(expected, { timeout: 60_000 });
  await expect(deskMessages(page)).toHaveText(expected, { timeout: 30_000 });
  await expect(chats(page).getByTestId('chat-mark').filter({ hasText: 'czeka na wysłanie' })).toHaveCount(0);
  await expect(page.getByTestId('status-unsent')).toHaveText('Niewysłane: 0');
  // The backend's transcript holds each exactly once, numbered 1..7.
  const stored = readDatabase(backend.dbFile, (db) => db.prepare('SELECT seq, text FROM chat_messages ORDER BY seq').all() as { seq: number; text: string }[]);
  expect(stored).toEqual(expected.map((text, index) => ({ seq: index + 1, text })));
  await resident.context().close();
});
