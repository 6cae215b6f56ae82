// Serves the built renderer on app://desk instead of file://: a real, secure, standard origin, so
// the page gets a strict CSP from response headers, same-origin rules apply, and permissions can be
// granted to exactly this origin. Paths that leave the renderer folder are refused.
import { resolve } from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../web-host/security';
import { readStaticFile } from '../web-host/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * The renderer talks to the core over a MessagePort, not a WebSocket, so the CSP lists no extra
 * connect sources beyond what the softphone needs (already in the shared policy).
 */
const HEADERS: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy([]) };

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    const file = await readStaticFile(root, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: HEADERS });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { ...HEADERS, 'Content-Type': file.type, 'Cache-Control': file.immutable ? 'max-age=31536000, immutable' : 'no-cache' },
    });
  });
}
