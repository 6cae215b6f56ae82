import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { startDesk, tempDataDir } from '../e2e/desk-host';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const RENDERER = resolve('out/renderer');

/** Scripts the page loads before it can run: the entry and its modulepreload links. */
export function initialScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  return sources.map((match) => match[1]!.replace(/^\.?\//, ''));
}

export async function rendererSize(): Promise<BenchResult> {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const files = initialScripts(html);
  if (files.length === 0) throw new Error('no module script found in out/renderer/index.html');
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const body = readFileSync(join(RENDERER, file));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return result(
    'renderer-size',
    `initial JavaScript of the renderer (${files.length} file(s): entry + modulepreload), gzip -9`,
    { initial_js_gzip_kb: round(gzipped / 1024, 1), initial_js_raw_kb: round(raw / 1024, 1), files: files.length },
    { figure: 'initial_js_gzip_kb', max: 500 },
  );
}

/**
 * Time to interactive through the browser host: from navigation start to the desk's own
 * "desk:ready" mark (core hello, settings and status loaded, desk drawn and usable), read from
 * the page's performance timeline. First load with an empty cache, then reloads.
 */
export async function rendererTti(): Promise<BenchResult> {
  const desk = await startDesk(tempDataDir('desk-bench-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const readyAt = async (page: Page): Promise<number> => {
    await page.waitForFunction(() => performance.getEntriesByName('desk:ready').length > 0, undefined, { polling: 20, timeout: 30_000 });
    return page.evaluate(() => performance.getEntriesByName('desk:ready')[0]!.startTime);
  };
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(desk.url);
    const cold = await readyAt(page);
    const warm: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.reload();
      warm.push(await readyAt(page));
    }
    return result(
      'renderer-tti',
      'browser host in Debian Chromium (headless): navigation start to the "desk:ready" mark',
      { cold_ms: round(cold, 1), warm_p50_ms: round(percentile(warm, 50), 1), warm_max_ms: round(Math.max(...warm), 1), reloads: warm.length },
      { figure: 'cold_ms', max: 1500 },
    );
  } finally {
    await browser.close();
    await desk.stop();
  }
}
