// Chat panes benchmark (issue 8): ten open chats of 1,000 messages each. Switching panes (to the
// frame that paints the newest message of the pane shown) and memory (JS heap after GC, DOM nodes),
// the real virtualized MessageList beside a baseline that draws every row, in the same run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const CONVERSATIONS = 10;
const PER_CONVERSATION = 1_000;
const ROUNDS = 6; // each round shows the ten panes in turn
const ORIGIN = 'http://chats-bench.test';

/** Real Polish customer questions as the residents' and consultants' words. */
function texts(): string[] {
  return readFileSync(resolve('../shared/data/pl-text/allegro_faq_questions.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve('renderer/features/chats/bench/panes-bench.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

interface Measured {
  p50: number;
  p95: number;
  max: number;
  heapMb: number;
  domNodes: number;
}

async function measure(page: Page, mode: 'virtual' | 'plain', words: string[]): Promise<Measured> {
  await page.goto(`${ORIGIN}/?mode=${mode}`);
  await page.waitForFunction(() => 'panesBench' in globalThis);
  await page.evaluate(([list, n, m]) => (globalThis as unknown as { panesBench: { load(t: string[], n: number, m: number): void } }).panesBench.load(list, n, m), [
    words,
    CONVERSATIONS,
    PER_CONVERSATION,
  ] as const);
  const show = (index: number) => page.evaluate((i) => (globalThis as unknown as { panesBench: { show(i: number): Promise<number> } }).panesBench.show(i), index);
  for (let i = 0; i < CONVERSATIONS; i += 1) await show(i); // warm-up: each pane opened once
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) for (let i = 0; i < CONVERSATIONS; i += 1) samples.push(await show(i));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const domNodes = await page.evaluate(() => (globalThis as unknown as { panesBench: { domNodes(): number } }).panesBench.domNodes());
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), heapMb: heap.usedSize / 1024 / 1024, domNodes };
}

export async function chatPanes(): Promise<BenchResult> {
  const script = await bundle();
  const words = texts();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/bench.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script });
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="pl"><body><div id="root"></div><script src="/bench.js"></script></body></html>' });
    });
    // Each variant in a page of its own, so one's memory is not counted in the other's.
    const virtual = await measure(await context.newPage(), 'virtual', words);
    const plain = await measure(await context.newPage(), 'plain', words);
    return result(
      'chats-panes',
      `${CONVERSATIONS} open chats of ${PER_CONVERSATION.toLocaleString('en')} messages in Debian Chromium (headless): switch to the frame painting the newest message of the pane shown (${ROUNDS * CONVERSATIONS} switches), JS heap after GC and DOM nodes with one pane shown; virtualized MessageList beside a baseline drawing every row`,
      {
        switch_p50_ms: round(virtual.p50, 1),
        switch_p95_ms: round(virtual.p95, 1),
        switch_max_ms: round(virtual.max, 1),
        heap_mb: round(virtual.heapMb, 1),
        dom_nodes: virtual.domNodes,
        baseline_switch_p50_ms: round(plain.p50, 1),
        baseline_switch_p95_ms: round(plain.p95, 1),
        baseline_switch_max_ms: round(plain.max, 1),
        baseline_heap_mb: round(plain.heapMb, 1),
        baseline_dom_nodes: plain.domNodes,
      },
      { figure: 'switch_p95_ms', max: 50 },
    );
  } finally {
    await browser.close();
  }
}
