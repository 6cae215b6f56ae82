// The phone under failure: a wrong password (a clear message, no retry storm), Kamailio killed and
// started again (registered again within the configured bound; the call orphaned by the outage is
// ended and reported, not left open).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { callCard, configureSip, registrationOf, softphoneSpec } from './softphone-lab';
import { PBX_DOMAIN, startKamailio } from '../helpers/kamailio';
import type { RunningKamailio } from '../helpers/kamailio';
import { openResident, resident, residentEvent, startResidentServer } from '../helpers/resident-phone';
import type { ResidentServer } from '../helpers/resident-phone';

softphoneSpec();
test.describe.configure({ timeout: 120_000 });

let residentServer: ResidentServer;
test.beforeAll(async () => {
  residentServer = await startResidentServer();
});
test.afterAll(async () => {
  await residentServer?.close();
});

test('a wrong password gives a clear failure and no retry storm', async ({ deskPage: page }) => {
  const pbx = await startKamailio();
  try {
    await configureSip(page, pbx, { user: 'agent2', password: 'not-the-password', reconnectMaxSeconds: 2 });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'failed');
    await expect(page.getByTestId('softphone-state')).toContainText('Centrala odrzuciła logowanie: sprawdź użytkownika i hasło SIP.');
    const challenges = (): number => (readFileSync(pbx.logFile, 'utf8').match(/auth challenge: REGISTER from agent2/g) ?? []).length;
    const afterFailure = challenges();
    expect(afterFailure).toBeLessThanOrEqual(2); // the first REGISTER and the one with (wrong) credentials
    // Three reconnect bounds later nothing more was tried: the phone waits for new settings.
    await page.waitForTimeout(6_000);
    expect(challenges()).toBe(afterFailure);
    expect(pbx.registeredUsers()).not.toContain('agent2');

    // The right password (a new secret) registers at once.
    await configureSip(page, pbx, { user: 'agent2', password: 'agent2-pass', reconnectMaxSeconds: 2 });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
  } finally {
    await pbx.stop();
  }
});

test('Kamailio killed and restarted: registered again within the bound, the orphaned call is ended', async ({ deskPage: page, browser }) => {
  const pbx = await startKamailio();
  let restarted: RunningKamailio | null = null;
  try {
    const bound = 3;
    await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass', reconnectMaxSeconds: bound });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
    const phone = await openResident(browser, residentServer, { wsUrl: pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });
    const s = await resident(phone.page, (api) => api.call('agent1'));
    await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
    await residentEvent(phone.page, 'confirmed', s);
    await expect(callCard(page, 'active')).toBeVisible();

    // A crash: the whole Kamailio process group gets SIGKILL.
    await pbx.stop('SIGKILL');
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'reconnecting');
    // The resident hangs up while the PBX is down: the BYE is lost, the desk's call is orphaned.
    await resident(phone.page, (api, i) => api.hangup(i as number), s);
    await phone.close();

    restarted = await startKamailio({ ports: pbx.ports });
    const upAt = Date.now();
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered', { timeout: (bound + 2) * 1000 });
    const registeredAfterMs = Date.now() - upAt;
    expect(registeredAfterMs).toBeLessThanOrEqual(bound * 1000 + 1000);
    expect(restarted.contactsOf('agent1')).toBe(1);

    // Media stopped with the far side gone: the desk ends the call (connection failed or
    // disconnected for 5 s) instead of leaving it open.
    await expect(callCard(page)).toHaveCount(0, { timeout: 45_000 });
    await expect(page.getByTestId('softphone-last-ended')).toContainText('zerwane połączenie głosowe');
    test.info().annotations.push({ type: 'restart-to-registered-ms', description: String(registeredAfterMs) });
  } finally {
    await pbx.stop();
    await restarted?.stop();
  }
});
