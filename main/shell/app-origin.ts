// The one origin the desk's own pages come from, and the test "is this URL ours?". Pure: no
// electron import, so the permission and navigation policies built on it are unit-tested.

/** The privileged scheme the shell serves the built renderer from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Origin as scheme://host[:port]. WHATWG URL gives "null" as the origin of a non-special scheme
 * such as app://, so the origin is built from its parts instead of read from `url.origin`.
 */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    if (!url.host) return null;
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether `value` (a URL or an origin) belongs to `appOrigin`. */
export function isAppOrigin(value: string | undefined | null, appOrigin: string): boolean {
  if (!value) return false;
  const origin = originOf(value);
  return origin !== null && origin === originOf(appOrigin);
}
