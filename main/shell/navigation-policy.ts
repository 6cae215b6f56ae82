// What a page of the desk may navigate to and what may leave for the system browser. Pure.
import { isAppOrigin } from './app-origin';

/** Schemes handed to the operating system; anything else (file:, javascript:, custom) is dropped. */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/** In-window navigation is allowed only within the app's own origin (e.g. a reload). */
export function mayNavigateInWindow(url: string, appOrigin: string): boolean {
  return isAppOrigin(url, appOrigin);
}

/** A link the user clicked that should open in the system browser or mail client, or null. */
export function externalLinkTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return null;
    if (parsed.protocol !== 'mailto:' && !parsed.hostname) return null;
    if (parsed.username || parsed.password) return null; // user:pass@ links are a phishing trick
    return parsed.href;
  } catch {
    return null;
  }
}
