import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { startDesk, tempDataDir } from '../e2e/desk-host';
import { benchmarkCorpus, relevanceQueries } from './kb-corpus';
import { sqliteEngine } from './kb-engines';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const ARTICLES = 50_000;
const QUERIES = 40;
/** A quick consultant: about seven keystrokes a second. */
const KEY_DELAY_MS = 140;

/** Runs in the page (as text: this file is type-checked without the DOM library). */
const KEYSTROKE_PROBE = `(() => {
  const input = document.querySelector('[data-kb-search]');
  const probe = { samples: [], keyAt: 0 };
  globalThis.keystrokeProbe = probe;
  input.addEventListener('keydown', (event) => { probe.keyAt = event.timeStamp; }, true);
  new MutationObserver(() => {
    const list = document.querySelector('[data-testid="kb-hits"]');
    if (probe.keyAt === 0 || !list || list.dataset.resultsFor !== input.value.trim()) return;
    const keyAt = probe.keyAt;
    probe.keyAt = 0;
    requestAnimationFrame((frameAt) => probe.samples.push(frameAt - keyAt));
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-results-for'] });
})()`;

/**
 * Keystroke to results painted, in the browser host over 50,000 articles: from the keydown's own
 * time stamp to the start of the animation frame that paints the list answering exactly what the
 * field holds (the core's search, the bridge's WebSocket, React's render, all of it). Each query
 * is typed key by key, as at a desk.
 */
export async function kbKeystroke(): Promise<BenchResult> {
  const dir = tempDataDir('desk-bench-');
  const built = performance.now();
  sqliteEngine(dir, benchmarkCorpus(ARTICLES)).close();
  const buildSeconds = (performance.now() - built) / 1000;
  const desk = await startDesk(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(desk.url);
    await page.locator('html[data-desk-ready="true"]').waitFor();
    const field = page.locator('[data-kb-search]');
    await field.waitFor();
    await page.evaluate(KEYSTROKE_PROBE);
    const queries = relevanceQueries()
      .map((query) => query.q)
      .slice(0, QUERIES);
    let keys = 0;
    for (const query of queries) {
      await field.fill('');
      await field.pressSequentially(query, { delay: KEY_DELAY_MS });
      keys += query.length;
      await page.waitForTimeout(KEY_DELAY_MS); // the last key's answer, before the field is cleared
    }
    const samples = await page.evaluate(() => (globalThis as unknown as { keystrokeProbe: { samples: number[] } }).keystrokeProbe.samples);
    return result(
      'kb-keystroke',
      `browser host in Debian Chromium (headless), ${ARTICLES.toLocaleString('en')} articles: keydown to the frame painting its results, ${queries.length} queries typed key by key`,
      {
        p50_ms: round(percentile(samples, 50), 1),
        p95_ms: round(percentile(samples, 95), 1),
        max_ms: round(Math.max(...samples), 1),
        keystrokes: keys,
        measured: samples.length,
        index_build_s: round(buildSeconds, 1),
      },
      { figure: 'p95_ms', max: 16 },
    );
  } finally {
    await browser.close();
    await desk.stop();
  }
}
