import { startCityBackend } from './city-backend';
import type { RunningBackend } from './city-backend';
import { acceptOffer, chats, deskMessages, deskReadyForChats, deskSays, keepDeskLogOnFailure, openResident, residentMessages, residentSays, seriousViolations } from './chats-helpers';
import { startDesk, tempDataDir } from './desk-host';
import type { RunningDesk } from './desk-host';
import { test as base, expect, openDesk } from './fixtures';

// Two desks on one backend: a chat transferred to a named colleague with a note; the colleague
// sends an attachment (refused types said plainly) and links the chat to a ticket.

const test = base.extend<{ backend: RunningBackend; secondDesk: RunningDesk }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  backend: async ({}, use) => {
    const backend = await startCityBackend();
    await use(backend);
    await backend.stop();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  secondDesk: async ({}, use) => {
    const desk = await startDesk(tempDataDir());
    await use(desk);
    await desk.stop();
  },
});

test.afterEach(async ({ desk }, testInfo) => keepDeskLogOnFailure(desk, testInfo));

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('plan objazdu')]);

test('transfer to a named consultant with a note; their attachment reaches the resident as a named file; link to a ticket', async ({ deskPage: anna, secondDesk, backend, browser }) => {
  test.setTimeout(150_000);
  await deskReadyForChats(anna, backend.url);
  const resident = await openResident(browser, backend.url, 'Marek Objazd');
  await residentSays(resident, 'Którędy objazd na Grochowskiej?');
  await acceptOffer(anna, 'Marek Objazd');

  // The colleague's desk, signed in as another consultant, comes online.
  const piotr = await (await browser.newContext()).newPage();
  await openDesk(piotr, secondDesk);
  await deskReadyForChats(piotr, backend.url, 'kierownik');

  await chats(anna).getByRole('button', { name: 'Przekaż' }).click();
  const dialog = anna.getByRole('dialog', { name: 'Przekaż rozmowę' });
  await dialog.getByRole('radio', { name: 'Konsultanta' }).check();
  await dialog.getByLabel('Konsultant', { exact: true }).selectOption({ label: 'Piotr Kierownik (dostępny, czaty: 0)' });
  await dialog.getByLabel('Notatka dla przejmującego').fill('Pyta o objazd, zna już trasę 520');
  expect(await seriousViolations(anna)).toEqual([]);
  await dialog.getByRole('button', { name: 'Przekaż' }).click();
  await expect(dialog).toBeHidden();
  await expect(chats(anna).getByTestId('chat-released')).toBeVisible();

  // Only the named colleague is offered it, with who passed it on and the note.
  const offer = chats(piotr).getByRole('group', { name: 'Nowy czat: Marek Objazd' });
  await expect(offer).toContainText('Przekazany przez: Anna Konsultantka. Notatka: Pyta o objazd, zna już trasę 520');
  await acceptOffer(piotr, 'Marek Objazd');
  await expect(deskMessages(piotr)).toHaveText(['Którędy objazd na Grochowskiej?']);
  await expect(resident.getByRole('status').first()).toHaveText('Rozmawiasz z: Piotr Kierownik');
  await deskSays(piotr, 'Dzień dobry, przejąłem rozmowę.');
  await expect(residentMessages(resident).last()).toHaveText('Dzień dobry, przejąłem rozmowę.');

  // Attachments: a type not allowed is refused in Polish; a picture goes with the typed text.
  const file = chats(piotr).getByTestId('chat-file');
  await file.setInputFiles({ name: 'skrypt.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') });
  await expect(chats(piotr).getByText('Tego rodzaju pliku nie można wysłać: dozwolone są tylko PNG, JPEG i PDF.')).toBeVisible();
  await chats(piotr).getByTestId('chat-composer').fill('Plan objazdu w załączniku');
  await file.setInputFiles({ name: 'plan <objazdu>.png', mimeType: 'image/png', buffer: PNG });
  await expect(chats(piotr).getByTestId('chat-composer')).toHaveValue('');
  await expect(chats(piotr).getByTestId('chat-attachment')).toHaveText('Załącznik: plan <objazdu>.png (1 KB) – zapisz');
  await expect(residentMessages(resident).last()).toHaveText('Plan objazdu w załączniku');
  await expect(resident.locator('#messages li').last().locator('a')).toHaveText(' [plan <objazdu>.png]');

  // Link to a ticket.
  await chats(piotr).getByRole('button', { name: 'Powiąż ze zgłoszeniem' }).click();
  const link = piotr.getByRole('dialog', { name: 'Powiąż rozmowę ze zgłoszeniem' });
  await link.getByRole('button', { name: 'Powiąż' }).click();
  await expect(link.getByText('Wpisz numer zgłoszenia.')).toBeVisible();
  await link.getByLabel('Numer zgłoszenia').fill('ZGL-2025-0042');
  await link.getByRole('button', { name: 'Powiąż' }).click();
  await expect(link).toBeHidden();
  await expect(chats(piotr).getByTestId('chat-tickets')).toHaveText('Powiązane zgłoszenia: ZGL-2025-0042');
  await piotr.context().close();
  await resident.context().close();
});
