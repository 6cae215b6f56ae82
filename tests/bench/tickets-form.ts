import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { startBackendProcess } from '../helpers/backend-process';
import { startDesk, tempDataDir } from '../e2e/desk-host';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const OPENINGS = 40;

/**
 * "Form open to ready" in the browser host (Debian Chromium, headless), with the demo backend's
 * catalogue pulled: from the click on "Nowe zgłoszenie" (the panel's `tickets:form-open` mark, set
 * before the catalogue is asked for) to the form drawn with its first field focused
 * (`tickets:form-ready`). The form is discarded and opened again, 40 times; the first opening,
 * clicked the moment the first pull ends, is reported apart (it can wait for the catalogue).
 */
export async function ticketsFormOpen(): Promise<BenchResult> {
  const backend = await startBackendProcess(join(tempDataDir('tickets-form-bench-'), 'backend.sqlite'));
  const desk = await startDesk(tempDataDir('desk-bench-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(desk.url);
    await page.locator('html[data-desk-ready="true"]').waitFor();
    // Backend address and sign-in, then the first pull (the catalogue).
    await page.keyboard.press('Control+Comma');
    const settings = page.getByRole('dialog', { name: 'Ustawienia' });
    await settings.getByLabel('Adres backendu miasta').fill(backend.url);
    await settings.getByRole('button', { name: 'Zapisz' }).click();
    await settings.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    const signIn = page.getByRole('dialog', { name: 'Logowanie do backendu miasta' });
    await signIn.getByLabel('Nazwa użytkownika').fill('konsultant');
    await signIn.getByLabel('Hasło').fill('konsultant');
    await signIn.getByLabel('Hasło').press('Enter');
    await page.getByTestId('status-sync').filter({ hasText: 'Synchronizacja: wysłano' }).waitFor();

    const open = page.getByRole('region', { name: 'Zgłoszenia' }).getByRole('button', { name: 'Nowe zgłoszenie' });
    const form = page.getByRole('dialog', { name: 'Nowe zgłoszenie' });
    const samples: number[] = [];
    let services = 0;
    for (let i = 0; i < OPENINGS; i++) {
      await page.evaluate(() => performance.clearMarks());
      await open.click();
      await page.waitForFunction(() => performance.getEntriesByName('tickets:form-ready').length > 0, undefined, { polling: 'raf', timeout: 10_000 });
      samples.push(await page.evaluate(() => performance.measure('tickets:form', 'tickets:form-open', 'tickets:form-ready').duration));
      if (i === 0) {
        await form.getByRole('combobox', { name: 'Kategoria (usługa)' }).click();
        services = await page.getByRole('option').count();
        await page.keyboard.press('Escape');
      }
      await form.getByRole('button', { name: 'Odrzuć szkic' }).click();
      await form.waitFor({ state: 'hidden' });
    }
    if (services === 0) throw new Error('the catalogue was not loaded: the form had no services');
    return result(
      'tickets-form-open',
      `browser host in Debian Chromium (headless), catalogue of ${services} services pulled from the demo backend: click on "Nowe zgłoszenie" to the form drawn with its first field focused, ${OPENINGS} openings`,
      // The first opening right after sign-in may wait for the first pull's catalogue: reported apart.
      { p50_ms: round(percentile(samples.slice(1), 50), 1), p99_ms: round(percentile(samples.slice(1), 99), 1), first_ms: round(samples[0]!, 1), max_ms: round(Math.max(...samples.slice(1)), 1), services },
      { figure: 'p99_ms', max: 100 },
    );
  } finally {
    await browser.close();
    await desk.stop();
    await backend.stop();
  }
}
