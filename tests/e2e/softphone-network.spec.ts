// The consultant's own network: the desk reaches Kamailio through a TCP proxy on loopback (its
// "link"), which the tests stall or cut. Also the ICE gathering time limit: a STUN server that never
// answers must not hold the INVITE back.
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, configureSip, deskInboundAudio, deskPeerConnection, deskRequest, registrationOf, softphoneCounter, sharedSipRig } from './softphone-lab';
import { PBX_DOMAIN } from '../helpers/kamailio';
import { LinkProxy } from '../helpers/link-proxy';
import { openResident, resident, residentEvent } from '../helpers/resident-phone';

test.describe.configure({ timeout: 90_000 });

const rig = sharedSipRig();
let link: LinkProxy;
let linkUrl: string;

test.beforeEach(async () => {
  link = new LinkProxy(rig.pbx.ports.ws);
  linkUrl = await link.start();
});
test.afterEach(async () => {
  await link.stop();
});

const registrations = (page: Page) => softphoneCounter(page, 'registrations');

test('resume and unlock: the phone registers again, and a connection that died in sleep is replaced', async ({ deskPage: page }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass', websocketUrl: linkUrl, reconnectMaxSeconds: 2 });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  await expect.poll(() => registrations(page)).toBe(1);

  // Back from sleep on a live connection: a new REGISTER refreshes the one binding (the PBX sees
  // its CSeq rise) on the same connection.
  const cseq = rig.pbx.registerCseq('agent1');
  await deskRequest(page, 'system.power', { event: 'resume' });
  await expect.poll(() => rig.pbx.registerCseq('agent1')).toBeGreaterThan(cseq);
  expect(link.connections).toBe(1);
  expect(rig.pbx.contactsOf('agent1')).toBe(1);

  // The NAT forgot the connection while the laptop slept: it looks open but carries nothing. After
  // the unlock the keep-alive probe goes unanswered, the phone reconnects and registers again.
  link.stallOpenConnections();
  await deskRequest(page, 'system.power', { event: 'unlock-screen' });
  await expect.poll(() => registrations(page), { timeout: 15_000 }).toBe(2);
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  expect(link.connections).toBe(2);
  expect(rig.pbx.contactsOf('agent1')).toBe(1);
});

test("the consultant's network cut mid-call: the call is ended and logged, the phone comes back", async ({ deskPage: page, browser }) => {
  const bound = 2;
  // Its own account: the PBX still holds the previous test's desk binding of agent1 (no unregister).
  await configureSip(page, rig.pbx, { user: 'agent2', password: 'agent2-pass', websocketUrl: linkUrl, reconnectMaxSeconds: bound });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });
  const s = await resident(phone.page, (api) => api.call('agent2'));
  await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(phone.page, 'confirmed', s);
  await expect.poll(async () => (await deskInboundAudio(page))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);

  // The cable is pulled: the signalling connection dies and no more media arrives or answers ICE
  // checks (the far side's media end is closed without a BYE, as it would see it).
  const cutAt = Date.now();
  link.cut();
  await resident(phone.page, (api, i) => api.cutMedia(i as number), s);
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'reconnecting');

  // The desk ends the call itself (media failed, then the grace period) instead of leaving it open.
  await expect(callCard(page)).toHaveCount(0, { timeout: 30_000 });
  const endedAfterMs = Date.now() - cutAt;
  await expect(page.getByTestId('softphone-last-ended')).toContainText('zerwane połączenie głosowe');
  await expect
    .poll(async () => (await deskRequest<{ outcome: string | null; endedAt: number | null; answeredAt: number | null }[]>(page, 'calls.recent', { limit: 5 })).map((row) => [row.outcome, row.answeredAt !== null, row.endedAt !== null]))
    .toEqual([['failed', true, true]]);

  // The network returns: registered again within the reconnect bound, one binding.
  link.restore();
  const backAt = Date.now();
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered', { timeout: (bound + 3) * 1000 });
  expect(Date.now() - backAt).toBeLessThanOrEqual(bound * 1000 + 2000);
  expect(rig.pbx.contactsOf('agent2')).toBe(1);
  test.info().annotations.push({ type: 'cut-to-call-ended-ms', description: String(endedAfterMs) });
  await phone.close();
});

test('the ICE gathering time limit: an unanswering STUN server does not hold the INVITE back', async ({ deskPage: page, browser }) => {
  // A STUN "server" that takes requests and never answers: gathering cannot complete for seconds.
  const blackhole = createSocket('udp4');
  let stunRequests = 0;
  blackhole.on('message', () => (stunRequests += 1));
  await new Promise<void>((done) => blackhole.bind(0, '127.0.0.1', done));
  const stunPort = (blackhole.address() as AddressInfo).port;
  try {
    await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass', stunUrl: `stun:127.0.0.1:${stunPort}` });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
    const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });

    await page.getByLabel('Numer lub adres SIP').fill(`resident1@${PBX_DOMAIN}`);
    const clickedAt = Date.now();
    await page.getByRole('button', { name: 'Zadzwoń' }).click();
    await residentEvent(phone.page, 'newRTCSession', 0);
    const inviteAfterMs = Date.now() - clickedAt;
    // The INVITE left while the desk was still gathering (waiting on the silent STUN server).
    const gathering = (await deskPeerConnection(page))?.iceGatheringState;
    expect(gathering).toBe('gathering');
    expect(stunRequests).toBeGreaterThan(0);
    expect(inviteAfterMs).toBeLessThan(4_000); // the limit is 1 s after the first candidate

    // The host candidates sent are enough on loopback: the call connects with audio.
    await resident(phone.page, (api) => api.answer(0));
    await expect(callCard(page, 'active')).toBeVisible();
    await expect.poll(async () => (await deskInboundAudio(page))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);
    await callCard(page, 'active').getByRole('button', { name: 'Rozłącz' }).click();
    await residentEvent(phone.page, 'ended', 0);
    test.info().annotations.push({ type: 'click-to-invite-ms', description: String(inviteAfterMs) });
    await phone.close();
  } finally {
    blackhole.close();
  }
});
