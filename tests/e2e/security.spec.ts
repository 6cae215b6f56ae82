import { WebSocket } from 'ws';
import { expect, region, test } from './fixtures';

test('the one-time token does not open the desk a second time', async ({ deskPage: page, desk, browser }) => {
  await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    const response = await stranger.goto(desk.url);
    expect(response?.status()).toBe(401);
    await expect(stranger.getByRole('heading', { name: 'Brak dostępu' })).toBeVisible();
    await expect(stranger.locator('#root')).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('a tel: link handed to the desk shows as a call request', async ({ deskPage: page, desk, context }) => {
  // The shell forwards OS links with desk.openLink; here a second client of the same session does.
  const session = (await context.cookies(desk.origin)).find((cookie) => cookie.name === 'desk_session');
  expect(session).toBeDefined();
  const socket = new WebSocket(`${desk.origin.replace(/^http/, 'ws')}/bridge`, {
    headers: { Origin: desk.origin, Cookie: `desk_session=${session?.value}` },
  });
  try {
    await new Promise<void>((done, fail) => {
      socket.once('open', () => done());
      socket.once('error', fail);
    });
    const reply = new Promise<string>((done) => socket.on('message', (data) => String(data).includes('"kind":"reply"') && done(String(data))));
    socket.send(JSON.stringify({ kind: 'request', id: 'link-1', method: 'desk.openLink', params: { uri: 'tel:+48 12 616 12 34' } }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 'link-1', ok: true });
  } finally {
    socket.close();
  }
  await expect(region(page, 'Telefon').getByTestId('call-request')).toContainText('Prośba o połączenie: +48 12 616 12 34');
  await expect(region(page, 'Telefon').getByTestId('call-request')).toContainText('Nie można zadzwonić: konto SIP nie jest skonfigurowane.');
});
