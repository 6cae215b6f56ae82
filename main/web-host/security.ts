/**
 * The Content-Security-Policy of the renderer, shared by the browser host and the shell so both
 * serve the same rules. Styles allow 'unsafe-inline' because Fluent UI (Griffel) inserts its
 * atomic CSS at run time; scripts never do. `connect` lists the bridge's own WebSocket plus what
 * the softphone needs: a wss:// SIP server anywhere, ws:// only on loopback.
 */
export function contentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${connect.join(' ')} wss: ws://127.0.0.1:* ws://localhost:*`.replace(/\s+/g, ' ').trim(),
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), usb=(), payment=()',
};
