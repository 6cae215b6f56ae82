// Shared set-up of the softphone e2e specs: Chromium with fake media, the desk's SIP account set
// through the bridge, and small readers of the desk's softphone panel.
import type { Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { PBX_DOMAIN, kamailioInstalled, startKamailio } from '../helpers/kamailio';
import type { RunningKamailio } from '../helpers/kamailio';
import { startResidentServer } from '../helpers/resident-phone';
import type { ResidentServer } from '../helpers/resident-phone';
import { test } from './fixtures';

/** Fake microphone (a beep), auto-granted media, and ICE over loopback (the recipe's flags). */
export const SOFTPHONE_LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    ...CHROMIUM_ARGS,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection',
    '--disable-dev-shm-usage',
  ],
};

/** A real-SIP spec file: Chromium with fake media; skipped without Kamailio, except under CI. */
export function softphoneSpec(): void {
  test.use({ launchOptions: SOFTPHONE_LAUNCH });
  test.skip(!kamailioInstalled() && !process.env.CI, 'Kamailio is not installed (apt-get install kamailio kamailio-websocket-modules)');
}

/** One Kamailio and one resident-phone server shared by the tests of a spec file. */
export function sharedSipRig(): { readonly pbx: RunningKamailio; readonly residents: ResidentServer } {
  softphoneSpec();
  let pbx: RunningKamailio | undefined;
  let residents: ResidentServer | undefined;
  test.beforeAll(async () => {
    pbx = await startKamailio();
    residents = await startResidentServer();
  });
  test.afterAll(async () => {
    await pbx?.stop();
    await residents?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the SIP rig starts in beforeAll');
    return value;
  };
  return {
    get pbx() {
      return started(pbx);
    },
    get residents() {
      return started(residents);
    },
  };
}

/** One request to the core over the desk's own bridge WebSocket (same origin, its session cookie). */
export function deskRequest<T = unknown>(page: Page, method: string, params: unknown): Promise<T> {
  return page.evaluate(
    ([name, args]) =>
      new Promise<T>((resolve, reject) => {
        const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
        const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/bridge`);
        const id = `test-${Math.random().toString(36).slice(2)}`;
        socket.onopen = () => socket.send(JSON.stringify({ kind: 'request', id, method: name, params: args }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { kind: string; id?: string; ok?: boolean; result?: T; error?: { code: string; message: string } };
          if (message.kind !== 'reply' || message.id !== id) return;
          socket.close();
          if (message.ok) resolve(message.result as T);
          else reject(new Error(`${message.error?.code}: ${message.error?.message}`));
        };
        socket.onerror = () => reject(new Error('bridge socket failed'));
      }),
    [method, params] as const,
  );
}

export interface DeskAccount {
  user: string;
  password: string;
  reconnectMaxSeconds?: number;
  afterCallWorkSeconds?: number;
  websocketUrl?: string;
  stunUrl?: string;
}

/** Points the desk's softphone at the test PBX (settings, then the password apart from them). */
export async function configureSip(page: Page, pbx: RunningKamailio, account: DeskAccount): Promise<void> {
  await deskRequest(page, 'softphone.setSecret', { kind: 'sip_password', secret: account.password, scheme: 'plain' });
  await deskRequest(page, 'settings.update', {
    sip: {
      websocketUrl: account.websocketUrl ?? pbx.wsUrl,
      uri: `sip:${account.user}@${PBX_DOMAIN}`,
      authorizationUser: account.user,
      displayName: `Konsultant ${account.user}`,
      registerExpires: 600,
      stunUrl: account.stunUrl ?? '',
      turnUrl: '',
      turnUsername: '',
      dtmfMode: 'info',
      reconnectMaxSeconds: account.reconnectMaxSeconds ?? 5,
      afterCallWorkSeconds: account.afterCallWorkSeconds ?? 0,
    },
  });
}

export const registrationOf = (page: Page) => page.locator('[data-registration]');
export const callCard = (page: Page, state?: string) => page.locator(state ? `[data-testid="softphone-call"][data-call-state="${state}"]` : '[data-testid="softphone-call"]');

/** The desk's active calls' inbound audio (getStats through the engine's sessions). */
export function deskInboundAudio(page: Page): Promise<{ packets: number; energy: number } | null> {
  return page.evaluate(async () => {
    type StatsSource = { getStats(): Promise<{ forEach(callback: (report: Record<string, unknown>) => void): void }> };
    const pcs = (globalThis as unknown as { __softphone?: { peerConnections(): StatsSource[] } }).__softphone?.peerConnections() ?? [];
    const pc = pcs.at(-1);
    if (!pc) return null;
    let out: { packets: number; energy: number } | null = null;
    (await pc.getStats()).forEach((report: Record<string, unknown>) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') out = { packets: Number(report.packetsReceived ?? 0), energy: Number(report.totalAudioEnergy ?? 0) };
    });
    return out;
  });
}

type SoftphoneCounter = 'registrations' | 'activeSessions' | 'jssipSessions' | 'jssipTransactions';

/** One of the engine's counters for tests (window.__softphone), or -1 when the engine is not there. */
export function softphoneCounter(page: Page, name: SoftphoneCounter): Promise<number> {
  return page.evaluate((counter) => {
    const hooks = (globalThis as unknown as { __softphone?: Record<SoftphoneCounter, () => number> }).__softphone;
    return hooks ? hooks[counter]() : -1;
  }, name);
}

/** The desk's newest call's peer connection: ICE gathering state and the remote SDP. */
export function deskPeerConnection(page: Page): Promise<{ iceGatheringState: string; remoteSdp: string } | null> {
  return page.evaluate(() => {
    type Pc = { iceGatheringState: string; remoteDescription: { sdp: string } | null };
    const pc = (globalThis as unknown as { __softphone?: { peerConnections(): Pc[] } }).__softphone?.peerConnections().at(-1);
    return pc ? { iceGatheringState: pc.iceGatheringState, remoteSdp: pc.remoteDescription?.sdp ?? '' } : null;
  });
}
