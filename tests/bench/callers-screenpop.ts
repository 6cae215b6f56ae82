import { join } from 'node:path';
import { chromium } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { ContactRepository } from '../../main/callers/contact-repository';
import { DATABASE_FILE } from '../../main/core/core';
import { migrate } from '../../main/store/database';
import { MIGRATIONS } from '../../main/store/migrations';
import { startDesk } from '../e2e/desk-host';
import { configureSip, SOFTPHONE_LAUNCH } from '../e2e/softphone-lab';
import { PBX_DOMAIN, startKamailio } from '../helpers/kamailio';
import { openResident, resident, startResidentServer } from '../helpers/resident-phone';
import { build, shapes } from './callers';
import { benchDir } from './files';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const CALLS = 40;
const WARM_UP = 3;
const RESIDENT_LINE = { user: '+48586001234', password: 'resident-pl-pass' };

/** Runs in the desk page (as text: this file is type-checked without the DOM library). */
const PAINT_PROBE = `(() => {
  const probe = { painted: {} };
  globalThis.screenPopProbe = probe;
  new MutationObserver(() => {
    const card = document.querySelector('[data-region="caller"] [data-testid="caller-card"][data-call-id]');
    if (!card || !card.querySelector('[data-testid="caller-name"]') || !card.querySelector('[data-testid="caller-history-item"]')) return;
    const id = card.getAttribute('data-call-id');
    if (id in probe.painted) return;
    probe.painted[id] = null;
    requestAnimationFrame((frameAt) => { probe.painted[id] = frameAt; });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-call-id'] });
})()`;

interface Timing {
  id: string;
  created: number;
  uiVisible: number | null;
}

/** The caller on the resident's line: a frequent caller with a full card (100 calls, tickets, callbacks, notes). */
function seedCaller(db: BetterSqlite3.Database): void {
  const repo = new ContactRepository(db);
  const now = Date.now();
  db.transaction(() => {
    repo.insert(
      'bench-caller',
      { name: 'Anna Kowalska', phones: [{ e164: '+48586001234', label: null }], addresses: ['ul. Długa 5, Gdańsk'], preferredChannel: 'sms', language: 'pl', flags: ['hearing_impaired'] },
      { basis: 'consent', at: now, by: 'bench' },
      now,
    );
    for (let i = 0; i < 10; i++) repo.addNote(`bench-note-${i}`, 'bench-caller', `Notatka konsultanta ${i}: mówić wyraźnie.`, 'bench', now - i * 86_400_000);
    const call = db.prepare(`INSERT INTO call_log (id, direction, remote_number, remote_e164, started_at, ended_at, duration_ms, outcome, notes, contact_id) VALUES (?, 'inbound', ?, ?, ?, ?, 90000, 'answered', ?, 'bench-caller')`);
    const ticket = db.prepare(`INSERT INTO tickets (id, number, kind, channel, title, description, status, deadline_at, contact_id, call_id, created_at, updated_at) VALUES (?, ?, 'fault', 'phone', 'Dziura w jezdni', '', ?, ?, 'bench-caller', ?, ?, ?)`);
    for (let i = 0; i < 120; i++) {
      const at = now - (i + 1) * 3 * 86_400_000;
      call.run(`bench-call-${i}`, '+48586001234', '+48586001234', at, at + 120_000, i % 3 === 0 ? 'Zgłoszenie awarii oświetlenia ulicznego' : '');
      if (i % 8 === 0) ticket.run(`bench-ticket-${i}`, `Z-BENCH-${i}`, i < 16 ? 'in_progress' : 'resolved', at + 5 * 86_400_000, `bench-call-${i}`, at, at);
    }
    db.prepare(`INSERT INTO callbacks (id, contact_id, e164, due_at, note, created_at, created_by) VALUES ('bench-callback', 'bench-caller', '+48586001234', ?, 'Oddzwonić', ?, 'bench')`).run(now + 86_400_000, now);
  })();
}

/**
 * INVITE arrival to caller card painted, with real SIP: the desk (browser host in Debian Chromium)
 * registered with the project's Kamailio; a resident's JsSIP phone calls it. From the moment the
 * desk's SIP engine receives the INVITE (`window.__softphone.timings[].created`, performance.now()
 * at JsSIP's newRTCSession) to the start of the animation frame that paints the card with the
 * caller's name and history, on the 200,000-contact / 1,000,000-call / 500,000-ticket store.
 */
export async function callersScreenPop(): Promise<BenchResult> {
  const dir = benchDir('callers-screenpop');
  const db = new BetterSqlite3(join(dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS);
  const built = performance.now();
  build(db, shapes());
  seedCaller(db);
  // The generated calls span two years before 2026-01-15: a 36-month policy keeps all 1,000,000 of them.
  db.prepare('UPDATE retention_policy SET history_months = 36, personal_months = 48 WHERE id = 1').run();
  db.close();
  const buildSeconds = (performance.now() - built) / 1000;

  const pbx = await startKamailio();
  const residents = await startResidentServer();
  const desk = await startDesk(dir);
  const browser = await chromium.launch(SOFTPHONE_LAUNCH);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(desk.url);
    await page.locator('html[data-desk-ready="true"]').waitFor();
    await configureSip(page, pbx, { user: 'agent1', password: 'agent1-pass' });
    await page.locator('[data-registration="registered"]').waitFor({ timeout: 30_000 });
    await page.evaluate(PAINT_PROBE);
    const phone = await openResident(browser, residents, { wsUrl: pbx.wsUrl, ...RESIDENT_LINE, domain: PBX_DOMAIN });

    const samples: number[] = [];
    const callUi: number[] = [];
    const phases = { asked: [] as number[], core: [] as number[], render: [] as number[] };
    for (let i = 0; i < WARM_UP + CALLS; i++) {
      const before = await page.evaluate(() => (globalThis as unknown as { __softphone?: { timings: unknown[] } }).__softphone?.timings.length ?? 0);
      const s = await resident(phone.page, (api) => api.call('agent1'));
      // This call's own record (the one after `before`), and its card painted.
      await page.waitForFunction(
        (index) => {
          const g = globalThis as unknown as { __softphone?: { timings: { id: string }[] }; screenPopProbe: { painted: Record<string, number | null> } };
          const record = g.__softphone?.timings[index];
          return record !== undefined && typeof g.screenPopProbe.painted[record.id] === 'number';
        },
        before,
        { polling: 20, timeout: 60_000 },
      ).catch(async (error: unknown) => {
        const state = await page.evaluate(() => {
          const g = globalThis as unknown as { __softphone?: { timings: unknown[] }; screenPopProbe: unknown; document: { querySelector(s: string): { outerHTML: string } | null } };
          return { timings: g.__softphone?.timings, probe: g.screenPopProbe, card: g.document.querySelector('[data-region="caller"]')?.outerHTML.slice(0, 1500) };
        });
        throw new Error(`call ${i}: the card was not painted: ${JSON.stringify(state)}\n${String(error)}`);
      });
      const measured = await page.evaluate((index) => {
        const g = globalThis as unknown as { __softphone: { timings: Timing[] }; screenPopProbe: { painted: Record<string, number> } };
        const record = g.__softphone.timings[index]!;
        // No helper functions in here: the page gets this function's text without the bundler's helpers.
        const asked = performance.getEntriesByName(`callers:asked:${record.id}`)[0]?.startTime ?? Number.NaN;
        const answered = performance.getEntriesByName(`callers:answered:${record.id}`)[0]?.startTime ?? Number.NaN;
        const painted = g.screenPopProbe.painted[record.id]!;
        return {
          card: painted - record.created,
          ui: record.uiVisible === null ? null : record.uiVisible - record.created,
          asked: asked - record.created,
          core: answered - asked,
          render: painted - answered,
        };
      }, before);
      if (!Number.isFinite(measured.card)) throw new Error(`call ${i}: no card paint time (${JSON.stringify(measured)})`);
      if (i >= WARM_UP) {
        samples.push(measured.card);
        if (measured.ui !== null) callUi.push(measured.ui);
        phases.asked.push(measured.asked);
        phases.core.push(measured.core);
        phases.render.push(measured.render);
      }
      await resident(phone.page, (api, index) => api.hangup(index as number), s);
      await page.locator('[data-testid="softphone-call"]').waitFor({ state: 'detached', timeout: 20_000 });
      await page.locator('[data-region="caller"] [data-testid="caller-card"][data-call-id]').waitFor({ state: 'detached', timeout: 20_000 });
    }
    await phone.close();
    return result(
      'callers-screenpop',
      `real SIP through Kamailio to the browser host in Debian Chromium (headless), ${CALLS} calls from a resident's JsSIP phone: INVITE received by the desk's SIP engine to the frame painting the caller card (name + history of 100) on 200,000 contacts, 1,000,000 calls, 500,000 tickets`,
      {
        p50_ms: round(percentile(samples, 50), 1),
        p95_ms: round(percentile(samples, 95), 1),
        max_ms: round(Math.max(...samples), 1),
        call_ui_p95_ms: round(percentile(callUi, 95), 1),
        // Where the time goes: INVITE → card asks the core; the core's answer over the bridge; answer → frame painted.
        asked_p50_ms: round(percentile(phases.asked, 50), 1),
        core_p50_ms: round(percentile(phases.core, 50), 1),
        core_p95_ms: round(percentile(phases.core, 95), 1),
        render_p50_ms: round(percentile(phases.render, 50), 1),
        render_p95_ms: round(percentile(phases.render, 95), 1),
        calls: samples.length,
        store_build_s: round(buildSeconds, 1),
      },
      { figure: 'p95_ms', max: 50 },
    );
  } finally {
    await browser.close();
    await desk.stop();
    await residents.close();
    await pbx.stop();
  }
}
