// Hardening applied to every web contents the app ever creates: no <webview>, no navigation away
// from the app, no new windows. Links to the web open in the system browser instead.
import { app, shell } from 'electron';
import type { WebContents } from 'electron';
import type { ShellLog } from './log';
import { externalLinkTarget, mayNavigateInWindow } from './navigation-policy';

function openOutside(url: string, log: ShellLog): void {
  const target = externalLinkTarget(url);
  if (!target) return log.warn('link refused', { scheme: url.split(':', 1)[0] });
  shell.openExternal(target).catch((error: unknown) => log.warn('system browser did not open the link', { error: String(error) }));
}

function guard(contents: WebContents, appOrigin: () => string, log: ShellLog): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.on('will-navigate', (event) => {
    if (mayNavigateInWindow(event.url, appOrigin())) return;
    event.preventDefault();
    openOutside(event.url, log);
  });
  contents.on('will-redirect', (event) => {
    if (mayNavigateInWindow(event.url, appOrigin())) return;
    event.preventDefault();
    log.warn('redirect away from the app refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, log);
    return { action: 'deny' };
  });
}

/** `appOrigin` is read at each decision: in development it is the dev server's origin. */
export function guardAllWebContents(appOrigin: () => string, log: ShellLog): void {
  app.on('web-contents-created', (_event, contents) => guard(contents, appOrigin, log));
}
