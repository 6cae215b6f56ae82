import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (no network on the build machines).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // Real Kamailio, real sockets and real timers on two shared cores: on CI a failure is tried once
  // more and, if it then passes, is still named as flaky in npm test's summary (never hidden).
  retries: process.env.CI ? 1 : 0,
  // scripts/test.mjs asks for a JSON report per suite (PLAYWRIGHT_JSON_OUTPUT_FILE) to count results.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['list'], ['json']] : [['list']],
  use: {
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', use: { browserName: 'chromium' } },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
