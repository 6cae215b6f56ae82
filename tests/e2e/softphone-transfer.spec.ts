// Transfers and call waiting through the consultant's UI, with real calls: the desk (agent1) and
// JsSIP phones in other browser contexts, a resident (resident1, resident2) and a second
// consultant's phone (agent2), all registered with the project's Kamailio.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, configureSip, deskRequest, registrationOf, sharedSipRig } from './softphone-lab';
import { PBX_DOMAIN } from '../helpers/kamailio';
import { openResident, resident, residentEvent } from '../helpers/resident-phone';
import type { ResidentPhone } from '../helpers/resident-phone';

test.describe.configure({ timeout: 90_000 });

const rig = sharedSipRig();

const SECOND_CONSULTANT = `agent2@${PBX_DOMAIN}`;
const callOf = (page: Page, name: string) => page.getByRole('region', { name: `Rozmowa: ${name}` });

type CallLogRow = { direction: string; outcome: string | null; transferredTo: string | null; remoteNumber: string };
const callLog = (page: Page) => deskRequest<CallLogRow[]>(page, 'calls.recent', { limit: 10 });

/** The desk registered as agent1, a resident calling it, and the call answered in the UI. */
async function answeredCall(page: Page, phone: ResidentPhone): Promise<number> {
  const s = await resident(phone.page, (api) => api.call('agent1'));
  await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(phone.page, 'confirmed', s);
  await expect(callCard(page, 'active')).toBeVisible();
  return s;
}

async function audioPackets(phone: ResidentPhone, s: number): Promise<number> {
  return (await resident(phone.page, (api, i) => api.audio(i as number), s))?.packets ?? 0;
}

async function phones(browser: Browser, ...users: string[]): Promise<ResidentPhone[]> {
  return Promise.all(users.map((user) => openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user, password: `${user}-pass`, domain: PBX_DOMAIN })));
}

test('blind transfer: the resident is sent on to a second consultant and the call is logged as transferred', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const [caller, colleague] = await phones(browser, 'resident1', 'agent2');
  const s = await answeredCall(page, caller!);

  const active = callCard(page, 'active');
  await active.getByRole('button', { name: 'Przekaż', exact: true }).click();
  await active.getByLabel('Dokąd przekazać').fill(SECOND_CONSULTANT);
  await active.getByRole('button', { name: 'Przekaż od razu' }).click();

  // The resident's phone follows the REFER and calls the second consultant, who answers.
  await residentEvent(caller!.page, 'referCall', s);
  await residentEvent(colleague!.page, 'newRTCSession', 0);
  await resident(colleague!.page, (api) => api.answer(0));
  await residentEvent(caller!.page, 'confirmed', s + 1);

  // The desk's call ended as transferred once the transfer succeeded (NOTIFY 200).
  await expect(callCard(page)).toHaveCount(0);
  await expect(page.getByTestId('softphone-last-ended')).toContainText('przekazana');
  await residentEvent(caller!.page, 'ended', s);
  // Resident and second consultant talk: audio flows both ways between them.
  await expect.poll(() => audioPackets(colleague!, 0), { timeout: 15_000 }).toBeGreaterThan(20);
  await expect.poll(() => audioPackets(caller!, s + 1), { timeout: 15_000 }).toBeGreaterThan(20);

  await expect.poll(async () => (await callLog(page)).map((row) => `${row.direction}:${row.outcome}:${row.transferredTo}`)).toEqual([`inbound:transferred:${SECOND_CONSULTANT}`]);
  await caller!.close();
  await colleague!.close();
});

test('attended transfer: consult the second consultant first, then join the resident to them', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const [caller, colleague] = await phones(browser, 'resident1', 'agent2');
  const s = await answeredCall(page, caller!);

  const first = callOf(page, 'resident1');
  await first.getByRole('button', { name: 'Przekaż', exact: true }).click();
  await first.getByLabel('Dokąd przekazać').fill(SECOND_CONSULTANT);
  await first.getByRole('button', { name: 'Konsultuj przed przekazaniem' }).click();

  // The resident is held while the consultant talks to the colleague.
  await residentEvent(caller!.page, 'hold', s);
  await expect(first).toHaveAttribute('data-call-state', 'held');
  await residentEvent(colleague!.page, 'newRTCSession', 0);
  await resident(colleague!.page, (api) => api.answer(0));
  const consultation = page.getByRole('region', { name: /^Rozmowa: / }).filter({ hasText: 'Konsultacja przed przekazaniem' });
  await expect(consultation).toHaveAttribute('data-call-state', 'active');
  await expect.poll(() => audioPackets(colleague!, 0), { timeout: 15_000 }).toBeGreaterThan(20);

  await consultation.getByRole('button', { name: 'Połącz i przekaż' }).click();

  // The resident's phone calls the colleague with Replaces; the colleague's phone swaps calls.
  await residentEvent(caller!.page, 'referCall', s);
  await residentEvent(colleague!.page, 'replacing', 1);
  await residentEvent(caller!.page, 'confirmed', s + 1);
  await residentEvent(colleague!.page, 'ended', 0); // the consultation call, replaced
  await expect(callCard(page)).toHaveCount(0);
  await residentEvent(caller!.page, 'ended', s);
  await expect.poll(() => audioPackets(colleague!, 1), { timeout: 15_000 }).toBeGreaterThan(20);
  await expect.poll(() => audioPackets(caller!, s + 1), { timeout: 15_000 }).toBeGreaterThan(20);

  // Both legs are in the call log: the resident's call transferred, the consultation too.
  await expect
    .poll(async () => (await callLog(page)).map((row) => `${row.direction}:${row.outcome}`).sort())
    .toEqual(['inbound:transferred', 'outbound:transferred']);
  await caller!.close();
  await colleague!.close();
});

test('call waiting: a second call is answered holding the first, swapped back, and a third is rejected', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const [one, two] = await phones(browser, 'resident1', 'resident2');
  const s1 = await answeredCall(page, one!);

  // A second call while on a call rings beside it.
  const s2 = await resident(two!.page, (api) => api.call('agent1'));
  await expect(callOf(page, 'resident2')).toHaveAttribute('data-call-state', 'ringing');
  await expect(callOf(page, 'resident1')).toHaveAttribute('data-call-state', 'active');
  await callOf(page, 'resident2').getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(one!.page, 'hold', s1);
  await residentEvent(two!.page, 'confirmed', s2);
  await expect(callOf(page, 'resident1')).toHaveAttribute('data-call-state', 'held');
  await expect(callOf(page, 'resident2')).toHaveAttribute('data-call-state', 'active');
  await expect.poll(() => audioPackets(two!, s2), { timeout: 15_000 }).toBeGreaterThan(20);

  // Resuming the first holds the second: one line talks at a time.
  await callOf(page, 'resident1').getByRole('button', { name: 'Wznów' }).click();
  await residentEvent(two!.page, 'hold', s2);
  await residentEvent(one!.page, 'unhold', s1);
  await expect(callOf(page, 'resident1')).toHaveAttribute('data-call-state', 'active');
  await expect(callOf(page, 'resident2')).toHaveAttribute('data-call-state', 'held');
  await callOf(page, 'resident2').getByRole('button', { name: 'Rozłącz' }).click();
  await residentEvent(two!.page, 'ended', s2);
  await expect(callCard(page)).toHaveCount(1);

  // Another call while talking: rejected, and the call in progress goes on.
  const s3 = await resident(two!.page, (api) => api.call('agent1'));
  await callOf(page, 'resident2').getByRole('button', { name: 'Odrzuć' }).click();
  await residentEvent(two!.page, 'failed', s3);
  expect(await resident(two!.page, (api, i) => api.events.find((e) => e.ev === 'failed' && e.s === i)?.cause, s3)).toBe('Rejected');
  await expect(callOf(page, 'resident1')).toHaveAttribute('data-call-state', 'active');
  expect(await resident(one!.page, (api, i) => api.events.some((e) => e.ev === 'ended' && e.s === i), s1)).toBe(false);

  await callOf(page, 'resident1').getByRole('button', { name: 'Rozłącz' }).click();
  await residentEvent(one!.page, 'ended', s1);
  await expect(callCard(page)).toHaveCount(0);
  await expect.poll(async () => (await callLog(page)).map((row) => `${row.direction}:${row.outcome}`)).toEqual(['inbound:rejected', 'inbound:answered', 'inbound:answered']);
  await one!.close();
  await two!.close();
});
