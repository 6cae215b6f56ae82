// tel:, sip: and sips: links from the operating system. macOS delivers them as 'open-url';
// Windows and Linux start the app (or a second instance) with the link on the command line.
import { app } from 'electron';
import { CALL_LINK_SCHEMES, asCallLink } from './call-links';
import type { ShellLog } from './log';

/**
 * Makes the desk the handler of call links. Only an installed app registers: a development run
 * would make the bare Electron binary the system's phone handler.
 */
export function registerCallLinkSchemes(log: ShellLog): void {
  if (!app.isPackaged && process.env.DESK_REGISTER_PROTOCOLS !== '1') return;
  for (const scheme of CALL_LINK_SCHEMES) {
    if (!app.setAsDefaultProtocolClient(scheme)) log.warn('not registered as the handler of a link scheme', { scheme });
  }
}

/** macOS: must be listened to before 'ready', links can arrive with the launch itself. */
export function listenForOpenUrl(onLink: (link: string) => void, log: ShellLog): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = asCallLink(url);
    if (link) onLink(link);
    else log.warn('link ignored', { scheme: url.split(':', 1)[0] });
  });
}
