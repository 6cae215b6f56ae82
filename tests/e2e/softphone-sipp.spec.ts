// SIPp as the caller, the way a city's carrier trunk reaches the desk: 100 calls in a row answered
// in the UI with no growth of sessions, peer connections or heap; and, where rtpengine is
// installed, a plain-RTP (PCMA) caller bridged to WebRTC whose audio reaches the consultant.
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callCard, configureSip, deskInboundAudio, deskPeerConnection, registrationOf, softphoneCounter, softphoneSpec } from './softphone-lab';
import { startKamailio } from '../helpers/kamailio';
import { rtpengineInstalled, startRtpengine } from '../helpers/rtpengine';
import { runSipp, sippInstalled } from '../helpers/sipp';
import type { SippRun } from '../helpers/sipp';
import { heapFootprint } from '../helpers/heap-snapshot';

softphoneSpec();
test.skip(!sippInstalled() && !process.env.CI, 'SIPp is not installed (apt-get install sip-tester)');

interface Footprint {
  objectBytes: number;
  codeBytes: number;
  peerConnections: number;
  sipCalls: number;
  engineCalls: number;
  jssipSessions: number;
  domNodes: number;
}

/**
 * Once JsSIP has let go of the calls' transactions (an answered INVITE's lingers 32 s by the RFC),
 * after a full garbage collection: the object heap, live RTCPeerConnection and call objects, the
 * phone's sessions and the DOM.
 */
async function footprint(page: Page, cdp: CDPSession): Promise<Footprint> {
  await expect.poll(() => softphoneCounter(page, 'jssipTransactions'), { timeout: 45_000, intervals: [1_000] }).toBe(0);
  const heap = await heapFootprint(cdp, ['RTCPeerConnection', 'SipCall', 'RTCSession']);
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return {
    objectBytes: heap.objectBytes,
    codeBytes: heap.codeBytes,
    peerConnections: heap.instances.RTCPeerConnection ?? -1,
    sipCalls: (heap.instances.SipCall ?? 0) + (heap.instances.RTCSession ?? 0),
    engineCalls: await softphoneCounter(page, 'activeSessions'),
    jssipSessions: await softphoneCounter(page, 'jssipSessions'),
    domNodes: nodes,
  };
}

/** Answers every call SIPp places, in the UI, until SIPp is done (or stops early, failing). */
async function answerAll(page: Page, run: Promise<SippRun>, calls: number): Promise<SippRun> {
  const done = run.then(() => 'done' as const);
  for (let answered = 0; answered < calls; answered += 1) {
    const ringing = callCard(page, 'ringing');
    if ((await Promise.race([ringing.waitFor({ timeout: 60_000 }).then(() => 'ringing' as const), done])) === 'done') break;
    await ringing.getByRole('button', { name: 'Odbierz' }).click();
  }
  return run;
}

test('SIPp places 100 calls in a row, each answered: no growth of sessions, peer connections or heap', async ({ deskPage: page }) => {
  test.setTimeout(300_000);
  const pbx = await startKamailio();
  try {
    await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass' });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
    const cdp = await page.context().newCDPSession(page);

    const warmUp = await answerAll(page, runSipp({ scenario: 'uac-webrtc-signalling.xml', sipPort: pbx.ports.sip, service: 'agent1', calls: 10 }), 10);
    expect(warmUp.code, warmUp.output).toBe(0);
    expect(warmUp.successfulCalls).toBe(10);
    await expect(callCard(page)).toHaveCount(0);
    const after10 = await footprint(page, cdp);

    const load = await answerAll(page, runSipp({ scenario: 'uac-webrtc-signalling.xml', sipPort: pbx.ports.sip, service: 'agent1', calls: 90 }), 90);
    expect(load.code, load.output).toBe(0);
    expect(load.successfulCalls).toBe(90);
    expect(load.failedCalls).toBe(0);
    await expect(callCard(page)).toHaveCount(0);
    const after100 = await footprint(page, cdp);
    test.info().annotations.push({ type: 'footprint', description: JSON.stringify({ after10, after100 }) });

    // Nothing left of the calls: no session in the engine or in JsSIP, no live call or peer connection.
    expect(after100.engineCalls).toBe(0);
    expect(after100.jssipSessions).toBe(0);
    // A call or two of the last ones may still be reachable from a closure at that moment; a leak
    // would leave one per call (100).
    expect(after100.sipCalls).toBeLessThanOrEqual(4);
    expect(after100.peerConnections).toBe(0);
    // The object heap after 100 calls stays within 10% of the heap after 10; the DOM does not grow.
    expect(after100.objectBytes).toBeLessThanOrEqual(after10.objectBytes * 1.1);
    expect(after100.domNodes).toBeLessThanOrEqual(after10.domNodes * 1.1);
    // The PBX holds no transaction of them either (once its wait timers ran out).
    await expect.poll(() => pbx.currentTransactions(), { timeout: 20_000 }).toBe(0);
  } finally {
    await pbx.stop();
  }
});

test('a plain-RTP caller (PCMA) through Kamailio + rtpengine reaches the consultant with audio', async ({ deskPage: page }) => {
  test.setTimeout(90_000);
  if (!rtpengineInstalled() && !process.env.CI) {
    const reason = 'rtpengine is not installed (apt-get install rtpengine-daemon): the plain-RTP caller test did not run';
    process.stderr.write(`SKIPPED: ${reason}\n`);
    test.skip(true, reason);
    return;
  }
  const rtpengine = await startRtpengine();
  const pbx = await startKamailio({ rtpengine: { ngPort: rtpengine.ngPort } });
  try {
    await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass' });
    await expect(registrationOf(page)).toHaveAttribute('data-registration', 'registered');
    const run = runSipp({ scenario: 'uac-pcma-audio.xml', sipPort: pbx.ports.sip, service: 'agent1', calls: 1, timeoutSeconds: 60 });
    const stoppedEarly = run.then((early) => {
      throw new Error(`SIPp ended before the desk rang (exit ${early.code}):\n${early.output}\n${readFileSync(pbx.logFile, 'utf8').slice(-3000)}`);
    });
    stoppedEarly.catch(() => undefined);
    await Promise.race([callCard(page, 'ringing').waitFor({ timeout: 30_000 }), stoppedEarly]);
    await callCard(page, 'ringing').getByRole('button', { name: 'Odbierz' }).click();
    await expect(callCard(page, 'active')).toBeVisible();

    // The offer the softphone got was rtpengine's WebRTC one, and the trunk's speech arrives.
    const offer = (await deskPeerConnection(page))?.remoteSdp ?? '';
    expect(offer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF/m);
    expect(offer).toMatch(/a=fingerprint:/);
    await expect.poll(async () => (await deskInboundAudio(page))?.packets ?? 0, { timeout: 15_000 }).toBeGreaterThan(50);
    await expect.poll(async () => (await deskInboundAudio(page))?.energy ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);

    const result = await run;
    expect(result.code, result.output).toBe(0);
    expect(result.successfulCalls).toBe(1);
    await expect(callCard(page)).toHaveCount(0);
    await expect(page.getByTestId('softphone-last-ended')).toContainText('rozmówca się rozłączył');
  } finally {
    await pbx.stop();
    await rtpengine.stop();
  }
});
