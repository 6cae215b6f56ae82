// Asks before quitting while a call is active or work is not yet sent. Every way out goes through
// here: closing the window, the tray's Quit, Cmd+Q, app.quit(). Closing the window quits the app:
// the desk is its window.
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Language } from '../../preload/contract';
import type { CoreClient } from './core-client';
import { quitDialogText } from './desk-texts';
import type { QuitFacts } from './desk-texts';
import type { ShellLog } from './log';

export interface QuitGuardOptions {
  client: CoreClient;
  window(): BrowserWindow | null;
  language(): Language;
  log: ShellLog;
}

export function installQuitGuard(options: QuitGuardOptions): { watch(window: BrowserWindow): void } {
  let confirmed = false;
  let asking = false;

  const ask = async (): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      let facts: QuitFacts;
      try {
        const check = await options.client.request('desk.quitCheck', {});
        facts = check.mustConfirm ? check : { activeCalls: 0, unsentCount: 0 };
      } catch (error) {
        options.log.warn('quit check failed; asking the consultant', { error: String(error) });
        facts = { activeCalls: 0, unsentCount: 0, unknown: true };
      }
      if (facts.activeCalls > 0 || facts.unsentCount > 0 || facts.unknown) {
        const text = quitDialogText(facts, options.language());
        const window = options.window();
        const dialogOptions = {
          type: 'warning' as const,
          title: text.title,
          message: text.message,
          detail: text.detail,
          buttons: [text.stay, text.quit],
          defaultId: 0,
          cancelId: 0,
          noLink: true,
        };
        const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, dialogOptions) : await dialog.showMessageBox(dialogOptions);
        if (response !== 1) return;
      }
      confirmed = true;
      app.quit();
    } finally {
      asking = false;
    }
  };

  app.on('before-quit', (event) => {
    if (confirmed) return;
    event.preventDefault();
    void ask();
  });

  return {
    watch(window) {
      window.on('close', (event) => {
        if (confirmed) return;
        event.preventDefault();
        void ask();
      });
    },
  };
}
