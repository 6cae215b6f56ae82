// The screen pop with the real call rig: the desk (browser host) registers with the project's
// Kamailio; a resident's JsSIP phone, or a carrier trunk (plain SIP from loopback), calls it; while
// the call RINGS, the caller card shows who it is and what the city knows. Contacts and history are
// seeded through the desk's own bridge (the real core and store).
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import type { Violation } from './axe';
import { expect, region, test } from './fixtures';
import { callCard, configureSip, deskRequest, registrationOf, sharedSipRig } from './softphone-lab';
import { PBX_DOMAIN } from '../helpers/kamailio';
import { openResident, resident, residentEvent } from '../helpers/resident-phone';
import { trunkCall } from '../helpers/sip-trunk';

const rig = sharedSipRig();

/** The resident's own line: registered at the PBX as +48586001234. */
const RESIDENT_LINE = { user: '+48586001234', password: 'resident-pl-pass' };
const E164 = '+48586001234';
const DAY = 86_400_000;
const SCRIPT_NAME = '<img src=x onerror="window.__pwned=1">Jan';

const callerRegion = (page: Page) => region(page, 'Karta rozmówcy');

async function registeredDesk(page: Page): Promise<void> {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
}

/** Serious axe violations inside the caller card region (other regions are their features' own tests). */
async function callerViolations(page: Page): Promise<Violation[]> {
  const all = await seriousViolations(page);
  const inside = await page.evaluate(
    (selectors) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { closest(s: string): unknown } | null } }).document;
      return selectors.map((list) => list.some((selector) => doc.querySelector(selector)?.closest('[data-region="caller"], [role="dialog"]') != null));
    },
    all.map((v) => v.nodes),
  );
  return all.filter((_, i) => inside[i]);
}

interface Seeded {
  annaId: string;
  ticketNumber: string;
}

/** Anna on the resident's number (typed the national way), with calls, an open ticket and a callback; Jan on another number. */
async function seedHistory(page: Page): Promise<Seeded> {
  const now = Date.now();
  const anna = await deskRequest<{ id: string }>(page, 'contacts.create', {
    name: 'Anna Kowalska',
    phones: ['58 600 12 34'],
    consent: 'consent',
    flags: ['hearing_impaired', 'prefers_sms'],
    preferredChannel: 'sms',
    language: 'uk',
    addresses: ['ul. Długa 5, Gdańsk'],
  });
  await deskRequest(page, 'contacts.addNote', { contactId: anna.id, text: 'Mówić wolno i wyraźnie.' });
  const calls = [
    { id: '0190aaaa-0000-7000-8000-00000000a001', at: now - 20 * DAY, outcome: 'answered', notes: 'Pytała o odbiór odpadów' },
    { id: '0190aaaa-0000-7000-8000-00000000a002', at: now - 3 * DAY, outcome: 'missed', notes: '' },
  ];
  for (const call of calls) {
    await deskRequest(page, 'calls.started', { id: call.id, direction: 'inbound', remoteNumber: '0048586001234', remoteName: null, startedAt: call.at });
    await deskRequest(page, 'calls.ended', { id: call.id, endedAt: call.at + 90_000, outcome: call.outcome });
    if (call.notes) await deskRequest(page, 'calls.update', { id: call.id, notes: call.notes });
  }
  const ticket = await deskRequest<{ number: string }>(page, 'tickets.create', {
    kind: 'complaint',
    description: 'Hałas z budowy w nocy przy ul. Długiej',
    contactId: anna.id,
    callId: calls[0]!.id,
    callerName: 'Anna Kowalska',
    callerPhone: E164,
  });
  await deskRequest(page, 'contacts.scheduleCallback', { contactId: anna.id, number: E164, dueAt: now + DAY, note: 'Oddzwonić z odpowiedzią wydziału' });
  const jan = await deskRequest<{ id: string }>(page, 'contacts.create', { name: 'Jan Nowak', phones: ['601 000 111'], consent: 'public_task' });
  await deskRequest(page, 'calls.started', { id: '0190aaaa-0000-7000-8000-00000000b001', direction: 'inbound', remoteNumber: '+48601000111', remoteName: null, startedAt: now - DAY });
  await deskRequest(page, 'calls.ended', { id: '0190aaaa-0000-7000-8000-00000000b001', endedAt: now - DAY + 1000, outcome: 'answered' });
  expect(jan.id).not.toBe(anna.id);
  return { annaId: anna.id, ticketNumber: ticket.number };
}

test('while a resident\'s call rings, the card shows the right contact and history', async ({ deskPage: page, browser }) => {
  await registeredDesk(page);
  const seeded = await seedHistory(page);
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT_LINE, domain: PBX_DOMAIN });
  const s = await resident(phone.page, (api) => api.call('agent1'));

  const ringing = callCard(page, 'ringing');
  await expect(ringing).toBeVisible();
  const card = callerRegion(page);
  await expect(card.getByTestId('caller-state')).toHaveText(`Dzwoni: ${E164}@${PBX_DOMAIN}`);
  await expect(card.getByTestId('caller-name')).toHaveText('Anna Kowalska');
  await expect(card.getByTestId('caller-flags')).toHaveText(/Osoba słabosłysząca.*Woli SMS/);
  await expect(card.getByText('Preferowany kanał: SMS')).toBeVisible();
  await expect(card.getByText('ul. Długa 5, Gdańsk')).toBeVisible();
  await expect(card.getByText('Mówić wolno i wyraźnie.')).toBeVisible();
  await expect(card.getByTestId('caller-open-tickets')).toHaveText('1 otwarte zgłoszenie');
  // Newest first (the ringing call itself is not history): the callback and the ticket made a
  // moment ago, the missed call three days ago, the answered call twenty days ago.
  const items = card.getByTestId('caller-history-item');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0).or(items.nth(1)).and(card.locator('[data-kind="callback"]'))).toContainText('Oddzwonić z odpowiedzią wydziału');
  await expect(items.nth(0).or(items.nth(1)).and(card.locator('[data-kind="ticket"]'))).toHaveCount(1);
  await expect(items.nth(2)).toHaveAttribute('data-kind', 'call');
  await expect(items.nth(2)).toContainText('nieodebrane');
  const ticket = card.locator('[data-kind="ticket"]');
  await expect(ticket).toHaveAttribute('data-open', 'true');
  await expect(ticket).toContainText(`Zgłoszenie ${seeded.ticketNumber}`);
  await expect(ticket).toContainText('Hałas z budowy w nocy przy ul. Długiej');
  await expect(ticket).toContainText('nowe');
  await expect(items.nth(3)).toContainText('Pytała o odbiór odpadów');
  // All of it while the phone still rings.
  await expect(ringing).toBeVisible();
  expect(await resident(phone.page, (api, i) => api.events.some((e) => e.s === i && (e.ev === 'accepted' || e.ev === 'ended' || e.ev === 'failed')), s)).toBe(false);
  expect(await callerViolations(page)).toEqual([]);

  // Quick actions on the ringing call: link it to one of the caller's tickets picked from a list.
  const picker = card.getByRole('combobox', { name: 'Numer zgłoszenia' });
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: `${seeded.ticketNumber} · Hałas z budowy w nocy przy ul. Długiej (nowe)`, exact: true }).click();
  await expect(picker).toHaveValue(`${seeded.ticketNumber} · Hałas z budowy w nocy przy ul. Długiej`);
  await card.getByRole('button', { name: 'Powiąż rozmowę ze zgłoszeniem' }).click();
  await expect(card.getByRole('status')).toHaveText('Rozmowa powiązana ze zgłoszeniem.');
  const ringingId = await ringing.getAttribute('data-call-id');
  await expect.poll(async () => (await deskRequest<{ id: string; ticketIds: string[] }[]>(page, 'calls.recent', { limit: 5 })).find((c) => c.id === ringingId)?.ticketIds).toHaveLength(1);
  // A new ticket opens the tickets form filled in with the caller.
  await card.getByRole('button', { name: 'Nowe zgłoszenie' }).click();
  const tickets = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
  await expect(tickets.getByRole('textbox', { name: /Imię i nazwisko zgłaszającego/ })).toHaveValue('Anna Kowalska');
  await expect(tickets.getByRole('textbox', { name: /Telefon zgłaszającego/ })).toHaveValue(E164);
  await page.keyboard.press('Escape');

  await resident(phone.page, (api, i) => api.hangup(i as number), s);
  await expect(callCard(page)).toHaveCount(0);
  await expect(card.getByRole('searchbox', { name: 'Szukaj rozmówcy' })).toBeVisible();
  await phone.close();
});

test('one contact matched from numbers written in different formats, including sip:…;user=phone as the From', async ({ deskPage: page, browser }) => {
  await registeredDesk(page);
  const { annaId } = await seedHistory(page);
  const card = callerRegion(page);
  const shows = async (state: string): Promise<void> => {
    await expect(callCard(page, 'ringing')).toBeVisible();
    await expect(card.getByTestId('caller-state')).toHaveText(`Dzwoni: ${state}`);
    await expect(card.getByTestId('caller-name')).toHaveText('Anna Kowalska');
  };

  // The resident's JsSIP phone with `;user=phone` in its From URI.
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT_LINE, domain: `${PBX_DOMAIN};user=phone` });
  const s = await resident(phone.page, (api, target) => api.call(target as string), `sip:agent1@${PBX_DOMAIN}`);
  await residentEvent(phone.page, 'progress', s);
  await shows(`${E164}@${PBX_DOMAIN};user=phone`);
  await resident(phone.page, (api, i) => api.hangup(i as number), s);
  await expect(callCard(page)).toHaveCount(0);
  await phone.close();

  // A carrier trunk: the international prefix written out, then the national number.
  for (const user of ['0048586001234', '586001234']) {
    const call = await trunkCall(rig.pbx.ports.sip, 'agent1', `<sip:${user}@${PBX_DOMAIN}>`);
    try {
      await call.waitFor(180);
      await shows(`${user}@${PBX_DOMAIN}`);
      await call.cancel();
      await expect(callCard(page)).toHaveCount(0);
    } finally {
      call.close();
    }
  }

  // All three calls were logged on Anna, under one normalized number.
  await expect
    .poll(async () => (await deskRequest<{ remoteE164: string | null; contactId: string | null; startedAt: number }[]>(page, 'calls.recent', { limit: 3 })).map((c) => `${c.remoteE164}/${c.contactId}`))
    .toEqual([`${E164}/${annaId}`, `${E164}/${annaId}`, `${E164}/${annaId}`]);
});

test('a withheld caller rings with no lookup and no one else\'s card', async ({ deskPage: page }) => {
  await registeredDesk(page);
  await seedHistory(page);
  const card = callerRegion(page);
  for (const from of ['"Anonymous" <sip:anonymous@anonymous.invalid>', '<sip:withheld@127.0.0.1>']) {
    const call = await trunkCall(rig.pbx.ports.sip, 'agent1', from);
    try {
      await call.waitFor(180);
      await expect(callCard(page, 'ringing')).toBeVisible();
      await expect(card.getByTestId('caller-withheld')).toHaveText('Numer zastrzeżony – nie można wyszukać rozmówcy.');
      await expect(card.getByTestId('caller-card')).toHaveCount(0);
      await expect(card.getByTestId('caller-name')).toHaveCount(0);
      expect(await callerViolations(page)).toEqual([]);
      await call.cancel();
      await expect(callCard(page)).toHaveCount(0);
    } finally {
      call.close();
    }
  }
});

test('a contact name holding script renders as text on the ringing call\'s card', async ({ deskPage: page, browser }) => {
  await registeredDesk(page);
  await deskRequest(page, 'contacts.create', { name: SCRIPT_NAME, phones: [E164], consent: 'public_task', addresses: ['<b onmouseover=alert(1)>ul. Krótka 1</b>'] });
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT_LINE, domain: PBX_DOMAIN });
  const s = await resident(phone.page, (api, name) => api.call('agent1', { displayName: name as string }), SCRIPT_NAME);
  await expect(callCard(page, 'ringing')).toBeVisible();
  const card = callerRegion(page);
  await expect(card.getByTestId('caller-name')).toHaveText(SCRIPT_NAME);
  await expect(card.getByText('<b onmouseover=alert(1)>ul. Krótka 1</b>')).toBeVisible();
  await expect(card.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  await resident(phone.page, (api, i) => api.hangup(i as number), s);
  await expect(callCard(page)).toHaveCount(0);
  await phone.close();
});
