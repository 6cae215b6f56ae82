// The resident's phone for softphone e2e tests: a JsSIP page (bundled with esbuild) served on
// loopback and opened in its own browser context, driven through window.resident.
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';

export interface ResidentServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles the harness once and serves it (index.html + resident.js) on a free loopback port. */
export async function startResidentServer(): Promise<ResidentServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'resident-phone-'));
  const outfile = join(outDir, 'resident.js');
  buildSync({ entryPoints: [resolve('tests/helpers/resident-phone/page.js')], bundle: true, format: 'iife', outfile, logLevel: 'silent' });
  const script = readFileSync(outfile);
  const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>resident phone</title><script src="/resident.js"></script></head><body><h1>resident</h1></body></html>';
  const server = http.createServer((request, response) => {
    if (request.url === '/resident.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return response.end(script);
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(page);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export interface ResidentPhone {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openResident(
  browser: Browser,
  server: ResidentServer,
  account: { wsUrl: string; user: string; password: string; domain: string; displayName?: string },
): Promise<ResidentPhone> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate((name) => ((globalThis as unknown as { resident: { displayName?: string } }).resident.displayName = name), account.displayName ?? account.user);
  await page.evaluate((a) => (globalThis as unknown as { resident: { start(a: unknown): Promise<void> } }).resident.start(a), account);
  return { page, context, close: () => context.close() };
}

/** Waits until the resident's log has an event (optionally of session `s`). */
export function residentEvent(page: Page, ev: string, s?: number, timeout = 15_000) {
  return page.waitForFunction(
    ([name, index]) => (globalThis as unknown as { resident: { has(e: string, i?: number): boolean } }).resident.has(name as string, index as number | undefined),
    [ev, s] as const,
    { timeout },
  );
}

export type ResidentApi = {
  call(target: string, options?: { displayName?: string; headers?: string[] }): number;
  answer(s: number): void;
  hangup(s: number): void;
  sendDtmf(s: number, tones: string): void;
  audio(s: number): Promise<{ packets: number; energy: number; samplesDuration: number } | null>;
  events: { ev: string; s?: number; tone?: string; cause?: string; t: number }[];
  stop(): void;
  cutMedia(s: number): void;
  sessions: unknown[];
};

/** Runs `fn` with window.resident in the page. */
export function resident<R>(page: Page, fn: (api: ResidentApi, arg: unknown) => R | Promise<R>, arg?: unknown): Promise<R> {
  return page.evaluate(
    ([source, value]) => {
      const api = (globalThis as unknown as { resident: ResidentApi }).resident;
      return (new Function(`return (${source as string})`)() as (a: ResidentApi, v: unknown) => unknown)(api, value);
    },
    [fn.toString(), arg] as const,
  ) as Promise<R>;
}
