import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../preload/contract';
import type { CoreToClient } from '../../preload/contract';
import { serveClient } from '../core/bridge-server';
import type { Core } from '../core/core';
import type { Logger } from '../core/log';
import { SECURITY_HEADERS, contentSecurityPolicy } from './security';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  log: Logger;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface WebHost {
  /** The address to open once: it carries the one-time token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'desk_session';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const UNAUTHORIZED_PAGE = `<!doctype html><html lang="pl"><meta charset="utf-8"><title>Brak dostępu / No access</title>
<body><main><h1>Brak dostępu</h1><p>Otwórz adres wypisany przez <code>npm run web</code>. Token działa tylko raz; uruchom hosta ponownie, aby dostać nowy.</p>
<h1 lang="en">No access</h1><p lang="en">Open the address printed by <code>npm run web</code>. The token works once; restart the host for a new one.</p></main></body></html>`;

/**
 * The browser host: the built renderer and the contract over a WebSocket, on loopback only. A
 * random token in the printed address is exchanged once for an HttpOnly session cookie; every
 * file and the WebSocket need that cookie, and the WebSocket also needs the host's own Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = resolve(options.rendererDir);
  let token: string | null = randomBytes(32).toString('base64url');
  const sessions = new Set<string>();
  let origin = '';

  const hasSession = (request: IncomingMessage): boolean => {
    const value = cookie(request, SESSION_COOKIE);
    return value !== undefined && [...sessions].some((session) => sameSecret(session, value));
  };

  const headers = (response: ServerResponse): void => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', contentSecurityPolicy([origin.replace(/^http/, 'ws')]));
  };

  const server = createServer((request, response) => {
    void (async () => {
      headers(response);
      const url = new URL(request.url ?? '/', origin);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (token !== null && sameSecret(offered, token)) {
          token = null; // one-time: from now on only the cookie opens the desk
          const session = randomBytes(32).toString('base64url');
          sessions.add(session);
          response.setHeader('Set-Cookie', `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`);
          response.writeHead(303, { Location: '/' }).end();
          return;
        }
        if (hasSession(request)) {
          response.writeHead(303, { Location: '/' }).end();
          return;
        }
      }
      if (!hasSession(request)) {
        options.log.warn('browser host refused a request without a session', { path: url.pathname });
        response.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(UNAUTHORIZED_PAGE);
        return;
      }
      const file = await readStaticFile(rendererDir, url.pathname);
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'Content-Type': file.type,
        'Content-Length': file.body.length,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      options.log.error('browser host request failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path !== '/bridge' || request.headers.origin !== origin || !hasSession(request)) {
      options.log.warn('browser host refused a WebSocket', { path, origin: request.headers.origin ?? null });
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(options.core, ws));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function serveSocket(core: Core, ws: WebSocket): void {
  serveClient(core, {
    send: (message: CoreToClient) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    },
    onMessage: (listener) =>
      ws.on('message', (data, isBinary) => {
        let message: unknown;
        try {
          message = isBinary ? undefined : JSON.parse(data.toString());
        } catch {
          message = undefined; // answered by the core as an invalid message, never a crash
        }
        listener(message);
      }),
    onClose: (listener) => ws.on('close', listener),
  });
}
