// Softphone benchmarks (issue 4), real calls on loopback: the project's Kamailio (started here, free
// ports, no network namespace needed), the desk through the browser host in Debian's Chromium
// (fake microphone), a resident's JsSIP phone in another context, SIPp for the long call loop.
// The desk's engine is measured side by side with JsSIP's defaults (window.__softphone.jssipDefaults:
// JsSIP waits for ICE gathering to complete before it sends an INVITE or a 200 OK), same run.
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { startDesk, tempDataDir } from '../e2e/desk-host';
import type { RunningDesk } from '../e2e/desk-host';
import { callCard, configureSip, SOFTPHONE_LAUNCH, softphoneCounter } from '../e2e/softphone-lab';
import { heapFootprint } from '../helpers/heap-snapshot';
import { PBX_DOMAIN, startKamailio } from '../helpers/kamailio';
import type { RunningKamailio } from '../helpers/kamailio';
import { openResident, resident, residentEvent, startResidentServer } from '../helpers/resident-phone';
import { runSipp } from '../helpers/sipp';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const CALLS_PER_MODE = Number(process.env.SOFTPHONE_BENCH_CALLS ?? 30);
const HEAP_CALLS = Number(process.env.SOFTPHONE_BENCH_HEAP_CALLS ?? 500);

interface Timing {
  direction: 'inbound' | 'outbound';
  created: number;
  inviteSent: number | null;
  uiVisible: number | null;
  answerClicked: number | null;
  confirmed: number | null;
}

interface ModeFigures {
  screenPop: number[];
  answerToConfirmed: number[];
  callToInvite: number[];
}

async function withLab<T>(run: (lab: { pbx: RunningKamailio; browser: Browser }) => Promise<T>): Promise<T> {
  const pbx = await startKamailio();
  const browser = await chromium.launch(SOFTPHONE_LAUNCH);
  try {
    return await run({ pbx, browser });
  } finally {
    await browser.close();
    await pbx.stop();
  }
}

/** A desk of its own (the browser host's address is good for one page). */
async function withDesk<T>(run: (desk: RunningDesk) => Promise<T>): Promise<T> {
  const desk = await startDesk(tempDataDir('desk-bench-softphone-'));
  try {
    return await run(desk);
  } finally {
    await desk.stop();
  }
}

async function openDesk(browser: Browser, desk: RunningDesk, pbx: RunningKamailio, jssipDefaults: boolean): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((defaults) => {
    (globalThis as unknown as { __softphone: { jssipDefaults: boolean } }).__softphone = { jssipDefaults: defaults };
  }, jssipDefaults);
  const page = await context.newPage();
  await page.goto(desk.url);
  await page.locator('html[data-desk-ready="true"]').waitFor();
  await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass', afterCallWorkSeconds: 0 });
  await page.locator('[data-registration="registered"]').waitFor({ timeout: 15_000 });
  return page;
}

const timings = (page: Page) => page.evaluate(() => (globalThis as unknown as { __softphone: { timings: Timing[] } }).__softphone.timings.map((timing) => ({ ...timing })));

/** Inbound calls answered by a click, then outbound calls dialled and hung up once the INVITE left. */
async function measureMode(browser: Browser, desk: RunningDesk, pbx: RunningKamailio, jssipDefaults: boolean): Promise<ModeFigures> {
  const server = await startResidentServer();
  const page = await openDesk(browser, desk, pbx, jssipDefaults);
  const phone = await openResident(browser, server, { wsUrl: pbx.wsUrl, user: 'resident1', password: 'resident1-pass', domain: PBX_DOMAIN });
  try {
    for (let i = 0; i < CALLS_PER_MODE; i += 1) {
      const s = await resident(phone.page, (api) => api.call('agent1'));
      await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
      await residentEvent(phone.page, 'confirmed', s);
      await page.waitForFunction(() => (globalThis as unknown as { __softphone: { timings: Timing[] } }).__softphone.timings.at(-1)?.confirmed != null);
      await resident(phone.page, (api, index) => api.hangup(index as number), s);
      await callCard(page).waitFor({ state: 'detached' });
    }
    const dial = page.getByLabel('Numer lub adres SIP');
    for (let i = 0; i < CALLS_PER_MODE; i += 1) {
      const before = await resident(phone.page, (api) => api.sessions.length);
      await dial.fill(`resident1@${PBX_DOMAIN}`);
      await page.getByRole('button', { name: 'Zadzwoń' }).click();
      await phone.page.waitForFunction((count) => (globalThis as unknown as { resident: { sessions: unknown[] } }).resident.sessions.length > count, before);
      await callCard(page).getByRole('button', { name: 'Rozłącz' }).click();
      await callCard(page).waitFor({ state: 'detached' });
    }
    const all = await timings(page);
    const inbound = all.filter((timing) => timing.direction === 'inbound');
    const outbound = all.filter((timing) => timing.direction === 'outbound');
    return {
      screenPop: inbound.flatMap((timing) => (timing.uiVisible !== null ? [timing.uiVisible - timing.created] : [])),
      answerToConfirmed: inbound.flatMap((timing) => (timing.answerClicked !== null && timing.confirmed !== null ? [timing.confirmed - timing.answerClicked] : [])),
      callToInvite: outbound.flatMap((timing) => (timing.inviteSent !== null ? [timing.inviteSent - timing.created] : [])),
    };
  } finally {
    await phone.close();
    await page.context().close();
    await server.close();
  }
}

let latencies: Promise<{ desk: ModeFigures; defaults: ModeFigures }> | null = null;

/** One run for the three latency benchmarks: the desk's engine, then JsSIP's defaults. */
function measureLatencies(): Promise<{ desk: ModeFigures; defaults: ModeFigures }> {
  latencies ??= withLab(async ({ pbx, browser }) => ({
    desk: await withDesk((desk) => measureMode(browser, desk, pbx, false)),
    defaults: await withDesk((desk) => measureMode(browser, desk, pbx, true)),
  }));
  return latencies;
}

const ms = (samples: number[], p: number): number => round(percentile(samples, p), 1);

export async function softphoneScreenPop(): Promise<BenchResult> {
  const { desk, defaults } = await measureLatencies();
  return result(
    'softphone-screen-pop',
    `INVITE arrival (JsSIP newRTCSession) to the incoming-call card in the DOM, ${desk.screenPop.length} calls each`,
    { p95_ms: ms(desk.screenPop, 95), p50_ms: ms(desk.screenPop, 50), jssip_defaults_p95_ms: ms(defaults.screenPop, 95), jssip_defaults_p50_ms: ms(defaults.screenPop, 50) },
    { figure: 'p95_ms', max: 50 },
  );
}

export async function softphoneAnswer(): Promise<BenchResult> {
  const { desk, defaults } = await measureLatencies();
  return result(
    'softphone-answer',
    `"Odbierz" clicked to the call confirmed (ACK received), loopback, ${desk.answerToConfirmed.length} calls each`,
    {
      p95_ms: ms(desk.answerToConfirmed, 95),
      p50_ms: ms(desk.answerToConfirmed, 50),
      jssip_defaults_p95_ms: ms(defaults.answerToConfirmed, 95),
      jssip_defaults_p50_ms: ms(defaults.answerToConfirmed, 50),
    },
    { figure: 'p95_ms', max: 150 },
  );
}

export async function softphoneInvite(): Promise<BenchResult> {
  const { desk, defaults } = await measureLatencies();
  return result(
    'softphone-invite',
    `call() to the INVITE sent (JsSIP 'sending'), ${desk.callToInvite.length} calls each`,
    { p50_ms: ms(desk.callToInvite, 50), p95_ms: ms(desk.callToInvite, 95), jssip_defaults_p50_ms: ms(defaults.callToInvite, 50), jssip_defaults_p95_ms: ms(defaults.callToInvite, 95) },
    { figure: 'p50_ms', max: 40 },
  );
}

/**
 * SIPp calls answered in the UI, one after the other: the object heap (heap snapshot after a full
 * GC, compiled code left out; JsSIP's answered-INVITE transactions drained first) after 10 calls
 * and after HEAP_CALLS calls.
 */
export async function softphoneHeap(): Promise<BenchResult> {
  return withLab(({ pbx, browser }) => withDesk(async (desk) => {
    const page = await openDesk(browser, desk, pbx, false);
    const cdp = await page.context().newCDPSession(page);
    const calls = async (count: number): Promise<void> => {
      const run = runSipp({ scenario: 'uac-webrtc-signalling.xml', sipPort: pbx.ports.sip, service: 'agent1', calls: count });
      const done = run.then(() => 'done' as const);
      for (let i = 0; i < count; i += 1) {
        const ringing = callCard(page, 'ringing');
        if ((await Promise.race([ringing.waitFor({ timeout: 60_000 }).then(() => 'ringing' as const), done])) === 'done') break;
        await ringing.getByRole('button', { name: 'Odbierz' }).click();
      }
      const finished = await run;
      if (finished.code !== 0 || finished.successfulCalls !== count) throw new Error(`SIPp: ${finished.successfulCalls}/${count} calls\n${finished.output}`);
      await page.waitForFunction(() => (globalThis as unknown as { __softphone: { jssipTransactions(): number } }).__softphone.jssipTransactions() === 0, undefined, { timeout: 60_000, polling: 1_000 });
    };
    await calls(10);
    const after10 = await heapFootprint(cdp, ['RTCPeerConnection', 'SipCall']);
    await calls(HEAP_CALLS - 10);
    const afterAll = await heapFootprint(cdp, ['RTCPeerConnection', 'SipCall']);
    const growth = ((afterAll.objectBytes - after10.objectBytes) / after10.objectBytes) * 100;
    return result(
      'softphone-heap',
      `object heap after ${HEAP_CALLS} SIPp calls answered in the UI vs after 10 (heap snapshot, full GC, compiled code apart)`,
      {
        growth_pct: round(growth, 2),
        after10_object_mb: round(after10.objectBytes / 2 ** 20, 2),
        after_all_object_mb: round(afterAll.objectBytes / 2 ** 20, 2),
        after10_code_mb: round(after10.codeBytes / 2 ** 20, 2),
        after_all_code_mb: round(afterAll.codeBytes / 2 ** 20, 2),
        live_peer_connections: afterAll.instances.RTCPeerConnection ?? -1,
        live_sip_calls: afterAll.instances.SipCall ?? -1,
        engine_calls: await softphoneCounter(page, 'activeSessions'),
        calls: HEAP_CALLS,
      },
      { figure: 'growth_pct', max: 10 },
    );
  }));
}
