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

interface Sample {
  /** keydown → the frame that paints the typed letter in the field (the floor for any answer). */
  echo: number;
  /** keydown → the result list answering the field is in the page (search, bridge, React). */
  ready: number;
  /**
   * The field's input event → the same list. Playwright sends a key as two DevTools commands
   * (keydown, then the character), about 2 ms apart; a real keyboard sends both at once.
   */
  readyAfterInput: number;
  /** keydown → the frame that paints that list. */
  painted: number;
}

/** Runs in the page (as text: this file is type-checked without the DOM library). */
const KEYSTROKE_PROBE = `(() => {
  const input = document.querySelector('[data-kb-search]');
  const probe = { samples: [], key: null };
  globalThis.keystrokeProbe = probe;
  input.addEventListener('keydown', (event) => {
    const key = { at: event.timeStamp, echo: null, input: null };
    probe.key = key;
    requestAnimationFrame((frameAt) => { key.echo = frameAt - key.at; });
  }, true);
  input.addEventListener('input', (event) => { if (probe.key) probe.key.input = event.timeStamp; }, true);
  new MutationObserver(() => {
    const list = document.querySelector('[data-testid="kb-hits"]');
    const key = probe.key;
    if (key === null || !list || list.dataset.resultsFor !== input.value.trim()) return;
    probe.key = null;
    const now = performance.now();
    const ready = now - key.at;
    const readyAfterInput = now - (key.input ?? key.at);
    requestAnimationFrame((frameAt) => probe.samples.push({ echo: key.echo ?? frameAt - key.at, ready, readyAfterInput, painted: frameAt - key.at }));
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-results-for'] });
})()`;

/** Types the queries key by key into a browser host page and returns one sample per answered keystroke. */
async function typeQueries(url: string, queries: readonly string[]): Promise<Sample[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.locator('html[data-desk-ready="true"]').waitFor();
    const field = page.locator('[data-kb-search]');
    await field.waitFor();
    await page.evaluate(KEYSTROKE_PROBE);
    for (const query of queries) {
      await field.fill('');
      await field.pressSequentially(query, { delay: KEY_DELAY_MS });
      await page.waitForTimeout(KEY_DELAY_MS); // the last key's answer, before the field is cleared
    }
    return await page.evaluate(() => (globalThis as unknown as { keystrokeProbe: { samples: Sample[] } }).keystrokeProbe.samples);
  } finally {
    await browser.close();
  }
}

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
  try {
    const queries = relevanceQueries()
      .map((query) => query.q)
      .slice(0, QUERIES);
    const figures: Record<string, number> = { keystrokes: queries.reduce((sum, query) => sum + query.length, 0), index_build_s: round(buildSeconds, 1) };
    const samples = await typeQueries(desk.url, queries);
    const of = (name: keyof Sample) => samples.map((sample) => sample[name]);
    figures.measured = samples.length;
    for (const name of ['painted', 'ready', 'readyAfterInput', 'echo'] as const) {
      figures[`${name}_p50_ms`] = round(percentile(of(name), 50), 1);
      figures[`${name}_p95_ms`] = round(percentile(of(name), 95), 1);
    }
    figures.painted_max_ms = round(Math.max(...of('painted')), 1);
    // Painted in the very frame that shows the typed letter: nothing can be painted sooner.
    figures.same_frame_share = round(samples.filter((sample) => sample.painted <= sample.echo + 0.5).length / samples.length, 3);
    return result(
      'kb-keystroke',
      `browser host in Debian Chromium (headless, 60 Hz frames), ${ARTICLES.toLocaleString('en')} articles, ${queries.length} queries typed key by key: keydown to the frame painting its results (painted), to the results in the page (ready), and to the frame painting the typed letter (echo)`,
      figures,
      { figure: 'painted_p95_ms', max: 16 },
    );
  } finally {
    await desk.stop();
  }
}
