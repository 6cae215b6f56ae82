// tel:/sip:/sips: links the operating system hands to the desk (click-to-call). Pure.
import { CallLink } from '../../preload/contract';

export const CALL_LINK_SCHEMES = ['tel', 'sip', 'sips'] as const;

/** Whether a string is a call link the contract accepts. */
export function asCallLink(value: string): string | null {
  const parsed = CallLink.safeParse(value.trim());
  return parsed.success ? parsed.data : null;
}

/**
 * The call link in a command line, if any. Windows and Linux start the app (or a second instance)
 * with the link as an argument; Chromium may add switches before or after it, so every argument is
 * looked at and the first valid link wins. Switches (starting with "-") are never links.
 */
export function callLinkFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (!/^(tel|sips?):/i.test(arg)) continue;
    const link = asCallLink(arg);
    if (link) return link;
  }
  return null;
}
