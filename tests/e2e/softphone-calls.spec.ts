// Real calls through the consultant's UI: the desk (browser host) registers with the project's
// Kamailio (resources/pbx), a resident's JsSIP phone in another browser context calls it, and the
// audio between them is real (Chromium's fake microphone, DTLS-SRTP over loopback).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, configureSip, deskInboundAudio, deskRequest, registrationOf, sharedSipRig } from './softphone-lab';
import { PBX_DOMAIN } from '../helpers/kamailio';
import { openResident, resident, residentEvent } from '../helpers/resident-phone';

const rig = sharedSipRig();

const RESIDENT = { user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN };

test('registers, answers a call with two-way audio, holds, mutes, sends DTMF and hangs up', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  await expect(page.getByTestId('softphone-state')).toHaveText('Zarejestrowany: telefon gotowy.');
  expect(rig.pbx.contactsOf('agent1')).toBe(1);

  // The caller's name is untrusted text: HTML in it is shown as text, never run.
  const hostileName = '<img src=x onerror="window.__pwned=1">Jan';
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT });
  const s = await resident(phone.page, (api, name) => api.call('agent1', { displayName: name as string }), hostileName);

  const ringing = callCard(page, 'ringing');
  await expect(ringing).toBeVisible();
  await expect(ringing.getByTestId('call-remote-name')).toHaveText(hostileName);
  await expect(ringing.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await ringing.getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(phone.page, 'confirmed', s);
  const active = callCard(page, 'active');
  await expect(active).toBeVisible();
  await expect(active.getByTestId('call-timer')).toContainText('Czas rozmowy: 0:0');

  // Two-way audio, from getStats on both sides: packets flow and carry sound energy.
  await expect.poll(async () => (await resident(phone.page, (api, i) => api.audio(i as number), s))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await resident(phone.page, (api, i) => api.audio(i as number), s))?.energy ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await deskInboundAudio(page))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await deskInboundAudio(page))?.energy ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(active.getByTestId('call-quality')).toBeVisible({ timeout: 10_000 });

  // Hold and resume: the far side is told (re-INVITE), the card says so.
  await active.getByRole('button', { name: 'Wstrzymaj' }).click();
  await residentEvent(phone.page, 'hold', s);
  await expect(callCard(page, 'held')).toBeVisible();
  await callCard(page, 'held').getByRole('button', { name: 'Wznów' }).click();
  await residentEvent(phone.page, 'unhold', s);
  await expect(callCard(page, 'active')).toBeVisible();

  // Mute: the audio energy the resident receives stops growing (the fake microphone beeps on).
  const energyRate = energySampler(() => resident(phone.page, (api, i) => api.audio(i as number), s));
  await expect.poll(energyRate, { timeout: 10_000 }).toBeGreaterThan(0.0005);
  await callCard(page, 'active').getByRole('button', { name: 'Wycisz mikrofon' }).click();
  await expect(callCard(page, 'active').getByRole('button', { name: 'Włącz mikrofon' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(energyRate, { timeout: 10_000 }).toBeLessThan(0.00005);
  await callCard(page, 'active').getByRole('button', { name: 'Włącz mikrofon' }).click();
  await expect.poll(energyRate, { timeout: 10_000 }).toBeGreaterThan(0.0005);

  // DTMF from the keypad (SIP INFO by default) reaches the far side in order.
  await callCard(page, 'active').getByRole('button', { name: 'Klawiatura DTMF' }).click();
  const pad = page.getByRole('group', { name: 'Tony DTMF' });
  for (const key of ['1', '2', '3', '#']) await pad.getByRole('button', { name: key, exact: true }).click();
  await expect
    .poll(() => resident(phone.page, (api) => api.events.filter((e) => e.ev === 'dtmf').map((e) => e.tone).join('')))
    .toBe('123#');

  await callCard(page, 'active').getByRole('button', { name: 'Rozłącz' }).click();
  await residentEvent(phone.page, 'ended', s);
  await expect(callCard(page)).toHaveCount(0);
  await expect(page.getByTestId('softphone-last-ended')).toContainText('rozłączona przez Ciebie');
  await phone.close();
});

test('rejects a call, and a caller hanging up while it rings leaves a missed call', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT });

  const first = await resident(phone.page, (api) => api.call('agent1'));
  await callCard(page, 'ringing').getByRole('button', { name: 'Odrzuć' }).click();
  await residentEvent(phone.page, 'failed', first);
  const rejected = await resident(phone.page, (api, i) => api.events.find((e) => e.ev === 'failed' && e.s === i), first);
  expect(rejected?.cause).toBe('Rejected'); // 603 Decline
  await expect(callCard(page)).toHaveCount(0);
  await expect(page.getByTestId('softphone-last-ended')).toContainText('odrzucona');

  const second = await resident(phone.page, (api) => api.call('agent1'));
  await expect(callCard(page, 'ringing')).toBeVisible();
  await resident(phone.page, (api, i) => api.hangup(i as number), second);
  await expect(callCard(page)).toHaveCount(0);
  await expect(page.getByTestId('softphone-last-ended')).toContainText('rozmówca rozłączył się, zanim odebrano');

  // Both calls reached the call log (the core's calls.* handlers): declined, and abandoned while ringing.
  await expect
    .poll(async () => (await deskRequest<{ outcome: string | null; direction: string }[]>(page, 'calls.recent', { limit: 10 })).map((call) => `${call.direction}:${call.outcome}`))
    .toEqual(['inbound:abandoned', 'inbound:rejected']);
  await phone.close();
});

test('dials a typed national number normalized to E.164 and the resident answers', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  // The resident's line is registered as +48586001234; the consultant types it the Polish way.
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user: '+48586001234', password: 'resident-pl-pass', domain: PBX_DOMAIN });

  await page.getByLabel('Numer lub adres SIP').fill('this is not a number');
  await page.getByRole('button', { name: 'Zadzwoń' }).click();
  await expect(page.getByText('To nie jest numer telefonu ani adres SIP.')).toBeVisible();

  await page.getByLabel('Numer lub adres SIP').fill('58 600-12-34');
  await page.getByRole('button', { name: 'Zadzwoń' }).click();
  await residentEvent(phone.page, 'newRTCSession', 0);
  await expect(callCard(page, 'connecting')).toBeVisible();
  await resident(phone.page, (api) => api.answer(0));
  await expect(callCard(page, 'active')).toBeVisible();
  await expect.poll(async () => (await deskInboundAudio(page))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);
  await resident(phone.page, (api) => api.hangup(0));
  await expect(callCard(page)).toHaveCount(0);
  await expect(page.getByTestId('softphone-last-ended')).toContainText('rozmówca się rozłączył');
  await phone.close();
});

test('bad input: a 10 KB display name is shortened, a bad SIP URI is refused, a non-WebSocket server is named', async ({ deskPage: page, browser }) => {
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass' });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  // 10 KB of name in the INVITE's From header (the PBX takes SIP messages up to 16 KB).
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, ...RESIDENT });
  await resident(phone.page, (api) => api.call('agent1', { displayName: 'Jan Kowalski '.repeat(770) }));
  const name = callCard(page, 'ringing').getByTestId('call-remote-name');
  await expect(name).toBeVisible();
  const shown = await name.textContent();
  expect(Array.from(shown ?? '').length).toBe(200);
  expect(shown?.endsWith('…')).toBe(true);
  await callCard(page, 'ringing').getByRole('button', { name: 'Odrzuć' }).click();
  await phone.close();

  await expect(deskRequest(page, 'settings.update', { sip: { ...(await sipSettings(page)), uri: 'sip:agent1@@bad host' } })).rejects.toThrow(/invalid_settings/);
  await page.getByRole('button', { name: 'Skonfiguruj konto SIP' }).or(page.getByRole('button', { name: /Ustawienia/ })).first().click();
  const uri = page.getByLabel('Adres SIP (URI)');
  await uri.fill('agent1 at rig.pbx');
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await expect(page.getByText(/Adres SIP \(URI\): to nie jest poprawny adres SIP/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Anuluj' }).click();

  // A server that speaks HTTP but not WebSocket (the resident page's server): a clear error.
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass', websocketUrl: rig.residents.url.replace('http', 'ws').replace(/\/$/, '') });
  await expect(page.getByTestId('softphone-state')).toHaveText(/nie obsługuje WebSocket/, { timeout: 15_000 });
});

async function sipSettings(page: Page): Promise<Record<string, unknown>> {
  const settings = await deskRequest<{ sip: Record<string, unknown> }>(page, 'settings.get', {});
  return settings.sip;
}

/** Energy received per second of audio between two calls (0 when the far side is silent). */
function energySampler(read: () => Promise<{ energy: number; samplesDuration: number } | null>): () => Promise<number> {
  let last: { energy: number; samplesDuration: number } | null = null;
  return async () => {
    const now = await read();
    if (!now) return Number.NaN;
    const before = last;
    last = now;
    if (!before || now.samplesDuration - before.samplesDuration < 0.5) return Number.NaN;
    return (now.energy - before.energy) / (now.samplesDuration - before.samplesDuration);
  };
}
