// Agent states around real calls: queue calls refused with 486 while not available or in
// after-call work (direct calls still ring), after-call work with its time limit and a wrap-up
// code the queue requires, and axe checks of the softphone's views (ringing, in a call with the
// keypad and transfer open, after-call work). The queue is named by the X-Queue header the caller's
// side sends, as the city's queue server adds it.
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, statusBar, test } from './fixtures';
import { callCard, configureSip, deskRequest, registrationOf, sharedSipRig } from './softphone-lab';
import { PBX_DOMAIN } from '../helpers/kamailio';
import { openResident, resident, residentEvent } from '../helpers/resident-phone';

test.describe.configure({ timeout: 90_000 });

const rig = sharedSipRig();

const QUEUE = ['X-Queue: 19115'];
type CallLogRow = { direction: string; outcome: string | null; queue: string | null; wrapUpCode: string | null };
const callLog = (page: Page) => deskRequest<CallLogRow[]>(page, 'calls.recent', { limit: 20 });
const failure = (page: Page, s: number) => resident(page, (api, i) => api.events.find((e) => e.ev === 'failed' && e.s === i), s) as Promise<{ cause?: string; status?: number } | undefined>;

test('queue calls get 486 unless available, after-call work waits for the wrap-up code, views pass axe', async ({ deskPage: page, browser }) => {
  const bar = statusBar(page);
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass', afterCallWorkSeconds: 2 });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });

  // Not available (break): a queue call is refused 486 Busy Here and never rings at the desk.
  await page.keyboard.press('Control+Shift+B');
  await expect(bar.agent).toHaveText('Status: Niedostępny – przerwa');
  const refused = await resident(phone.page, (api, headers) => api.call('agent1', { headers: headers as string[] }), QUEUE);
  await residentEvent(phone.page, 'failed', refused);
  expect(await failure(phone.page, refused)).toMatchObject({ cause: 'Busy', status: 486 });
  await expect(callCard(page)).toHaveCount(0);

  // A direct call still rings while not available.
  const direct = await resident(phone.page, (api) => api.call('agent1'));
  await expect(callCard(page, 'ringing')).toBeVisible();
  await resident(phone.page, (api, i) => api.hangup(i as number), direct);
  await expect(callCard(page)).toHaveCount(0);

  // Available: the queue call rings, named by its queue.
  await page.keyboard.press('Control+Shift+A');
  await expect(bar.agent).toHaveText('Status: Dostępny');
  const queued = await resident(phone.page, (api, headers) => api.call('agent1', { headers: headers as string[] }), QUEUE);
  const ringing = callCard(page, 'ringing');
  await expect(ringing.getByTestId('call-state')).toHaveText('Dzwoni · kolejka 19115');
  expect(await seriousViolations(page)).toEqual([]);

  await ringing.getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(phone.page, 'confirmed', queued);
  await expect(bar.agent).toHaveText('Status: W rozmowie');
  const active = callCard(page, 'active');
  await active.getByTestId('call-notes').fill('Pytanie o wywóz odpadów <b>nie HTML</b>');
  await active.getByRole('button', { name: 'Klawiatura DTMF' }).click();
  await active.getByRole('button', { name: 'Przekaż', exact: true }).click();
  await expect(active.getByLabel('Dokąd przekazać')).toBeVisible();
  await expect(active.getByTestId('call-input-level')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The resident hangs up: after-call work, and the queue requires a wrap-up code.
  await resident(phone.page, (api, i) => api.hangup(i as number), queued);
  await expect(callCard(page)).toHaveCount(0);
  await expect(bar.agent).toHaveText('Status: Praca po rozmowie');
  const wrapUp = page.getByTestId('wrap-up');
  await expect(wrapUp).toBeVisible();
  await expect(wrapUp.getByRole('button', { name: 'Gotowe' })).toBeDisabled();

  // In after-call work a queue call is refused as well.
  const duringWork = await resident(phone.page, (api, headers) => api.call('agent1', { headers: headers as string[] }), QUEUE);
  await residentEvent(phone.page, 'failed', duringWork);
  expect(await failure(phone.page, duringWork)).toMatchObject({ cause: 'Busy', status: 486 });

  // The 2 s limit passes, but without the code the consultant is not made available.
  await expect(wrapUp.getByText('Kolejka wymaga kodu zakończenia: wybierz go, aby stać się dostępnym.')).toBeVisible({ timeout: 10_000 });
  await expect(bar.agent).toHaveText('Status: Praca po rozmowie');
  expect(await seriousViolations(page)).toEqual([]);
  await wrapUp.getByLabel('Kod zakończenia').selectOption({ label: 'Udzielono informacji' });
  await wrapUp.getByRole('button', { name: 'Gotowe' }).click();
  await expect(bar.agent).toHaveText('Status: Dostępny');
  await expect(wrapUp).toHaveCount(0);

  await expect
    .poll(async () => (await callLog(page)).map((row) => `${row.outcome}:${row.queue ?? '-'}:${row.wrapUpCode ?? '-'}`))
    .toEqual(['rejected:19115:-', 'answered:19115:information', 'abandoned:-:-', 'rejected:19115:-']);
  const notes = await deskRequest<{ notes: string | null }[]>(page, 'calls.recent', { limit: 20 });
  expect(notes[1]?.notes).toBe('Pytanie o wywóz odpadów <b>nie HTML</b>');
  await phone.close();
});

test('after-call work of a direct call ends on its own at the time limit', async ({ deskPage: page, browser }) => {
  const bar = statusBar(page);
  const limitSeconds = 2;
  await configureSip(page, rig.pbx, { user: 'agent1', password: 'agent1-pass', afterCallWorkSeconds: limitSeconds });
  await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  await page.keyboard.press('Control+Shift+A');
  await expect(bar.agent).toHaveText('Status: Dostępny');
  const phone = await openResident(browser, rig.residents, { wsUrl: rig.pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });

  const s = await resident(phone.page, (api) => api.call('agent1'));
  await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
  await residentEvent(phone.page, 'confirmed', s);
  await callCard(page, 'active').getByRole('button', { name: 'Rozłącz' }).click();
  const hungUpAt = Date.now();
  await expect(bar.agent).toHaveText('Status: Praca po rozmowie');
  await expect(page.getByTestId('wrap-up')).toContainText(/Pozostało [12] s/);
  // No code needed for a direct call: back to available when the limit runs out, not before.
  await expect(bar.agent).toHaveText('Status: Dostępny', { timeout: 10_000 });
  const workedMs = Date.now() - hungUpAt;
  expect(workedMs).toBeGreaterThanOrEqual(limitSeconds * 1000 - 250);
  expect(workedMs).toBeLessThan(limitSeconds * 1000 + 3000);
  await expect(page.getByTestId('wrap-up')).toHaveCount(0);

  // Every state change was stored for the supervisor's figures (the outbox counts them).
  await expect(bar.unsent).not.toHaveText('Niewysłane: 0');
  await phone.close();
});
