import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startDesk, tempDataDir } from './desk-host';
import type { RunningDesk } from './desk-host';

/** Opens the one-time address and waits until the desk says it is ready: an event, not a sleep. */
export async function openDesk(page: Page, desk: RunningDesk): Promise<void> {
  await page.goto(desk.url);
  await expect(page.locator('html')).toHaveAttribute('data-desk-ready', 'true');
}

interface DeskFixtures {
  /** A fresh browser host with its own empty data folder, stopped after the test. */
  desk: RunningDesk;
  /** `page` with the desk open and ready. */
  deskPage: Page;
}

export const test = base.extend<DeskFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright's way to say "needs no other fixture"
  desk: async ({}, use) => {
    const desk = await startDesk(tempDataDir());
    await use(desk);
    await desk.stop();
  },
  deskPage: async ({ page, desk }, use) => {
    await openDesk(page, desk);
    await use(page);
  },
});

export { expect };

/** The status bar's live texts, by what they show. */
export const statusBar = (page: Page) => ({
  core: page.getByTestId('status-core'),
  backend: page.getByTestId('status-backend'),
  unsent: page.getByTestId('status-unsent'),
  agent: page.getByTestId('status-agent'),
});

export const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });
