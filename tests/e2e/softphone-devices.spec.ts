// A mid-call microphone switch from the audio settings: the call keeps going on the new device,
// with the same processing constraints (echo cancellation, noise suppression, gain control), and
// the far side keeps hearing it. Chromium's fake devices give several microphones.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, configureSip, deskRequest, registrationOf, softphoneSpec } from './softphone-lab';
import { PBX_DOMAIN, startKamailio } from '../helpers/kamailio';
import { openResident, resident, residentEvent, startResidentServer } from '../helpers/resident-phone';

softphoneSpec();

interface SentTrack {
  id: string;
  deviceId: string;
  readyState: string;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

/** The microphone track the desk's call sends now, with its applied settings. */
function sentTrack(page: Page): Promise<SentTrack | null> {
  return page.evaluate(() => {
    type Track = { id: string; kind: string; readyState: string; getSettings(): Record<string, unknown> };
    type Pc = { getSenders(): { track: Track | null }[] };
    const pc = (globalThis as unknown as { __softphone?: { peerConnections(): Pc[] } }).__softphone?.peerConnections().at(-1);
    const track = pc?.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
    if (!track) return null;
    const settings = track.getSettings();
    return {
      id: track.id,
      deviceId: String(settings.deviceId ?? ''),
      readyState: track.readyState,
      echoCancellation: settings.echoCancellation === true,
      noiseSuppression: settings.noiseSuppression === true,
      autoGainControl: settings.autoGainControl === true,
    };
  });
}

test('switching the microphone in the settings mid-call keeps the call and its audio processing', async ({ deskPage: page, browser }) => {
  const pbx = await startKamailio();
  const server = await startResidentServer();
  try {
    await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass' });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
    const phone = await openResident(browser, server, { wsUrl: pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });
    const s = await resident(phone.page, (api) => api.call('agent1'));
    await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
    await residentEvent(phone.page, 'confirmed', s);
    const packets = async (): Promise<number> => (await resident(phone.page, (api, i) => api.audio(i as number), s))?.packets ?? 0;
    await expect.poll(packets, { timeout: 15_000 }).toBeGreaterThan(20);

    const before = await sentTrack(page);
    expect(before).toMatchObject({ readyState: 'live', echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    const microphones = await page.evaluate(async () => {
      type Devices = { enumerateDevices(): Promise<{ kind: string; deviceId: string }[]> };
      const devices = (globalThis as unknown as { navigator: { mediaDevices: Devices } }).navigator.mediaDevices;
      return (await devices.enumerateDevices()).filter((device) => device.kind === 'audioinput').map((device) => device.deviceId);
    });
    const other = microphones.find((id) => id !== 'default' && id !== 'communications' && id !== before?.deviceId);
    expect(other, `a second fake microphone among ${JSON.stringify(microphones)}`).toBeTruthy();

    const settings = await deskRequest<{ audio: Record<string, string> }>(page, 'settings.get', {});
    await deskRequest(page, 'settings.update', { audio: { ...settings.audio, microphoneId: other } });

    // The sent track is replaced by one from the chosen device, with the same processing.
    await expect.poll(async () => (await sentTrack(page))?.deviceId, { timeout: 10_000 }).toBe(other);
    const after = await sentTrack(page);
    expect(after).toMatchObject({ readyState: 'live', echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(after?.id).not.toBe(before?.id);
    // No renegotiation, no drop: the resident keeps receiving.
    const atSwitch = await packets();
    await expect.poll(packets, { timeout: 10_000 }).toBeGreaterThan(atSwitch + 25);
    await expect(callCard(page, 'active')).toBeVisible();
    await callCard(page, 'active').getByRole('button', { name: 'Rozłącz' }).click();
    await residentEvent(phone.page, 'ended', s);
    await phone.close();
  } finally {
    await pbx.stop();
    await server.close();
  }
});
