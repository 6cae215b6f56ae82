import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { silentLogger } from '../../../main/core/log';
import { startWebHost } from '../../../main/web-host/server';
import type { WebHost } from '../../../main/web-host/server';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/temp-dir';

let host: WebHost | undefined;
let test: TestCore | undefined;
afterEach(async () => {
  await host?.close();
  test?.core.close();
});

async function start(): Promise<WebHost> {
  const rendererDir = tempDir('renderer-');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  test = startTestCore(tempDir());
  host = await startWebHost({ core: test.core, rendererDir, log: silentLogger, port: 0 });
  return host;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET, so paths like /../x reach the server as written. */
function get(origin: string, path: string, cookie?: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const url = new URL(origin);
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function signIn(web: WebHost): Promise<string> {
  const answer = await get(web.origin, new URL(web.url).pathname + new URL(web.url).search);
  expect(answer.status).toBe(303);
  const setCookie = String(answer.headers['set-cookie']);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return setCookie.split(';')[0]!;
}

function openSocket(web: WebHost, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(`${web.origin.replace('http', 'ws')}/bridge`, { headers });
    socket.once('open', () => done(socket));
    socket.once('error', fail);
  });
}

/** Every message the socket receives, in order, awaited one at a time (none lost in between). */
function inbox(socket: WebSocket): () => Promise<Record<string, unknown>> {
  const arrived: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else arrived.push(message);
  });
  return () => {
    const ready = arrived.shift();
    return ready ? Promise.resolve(ready) : new Promise((done) => waiting.push(done));
  };
}

describe('the browser host', () => {
  it('listens on loopback only and prints an address with a token', async () => {
    const web = await start();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });

  it('serves nothing without a session, and the token opens exactly one session', async () => {
    const web = await start();
    expect((await get(web.origin, '/')).status).toBe(401);
    expect((await get(web.origin, '/?token=guess')).status).toBe(401);
    const cookie = await signIn(web);
    expect((await get(web.origin, new URL(web.url).pathname + new URL(web.url).search)).status).toBe(401); // used up
    const page = await get(web.origin, '/', cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>desk</title>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(page.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await get(web.origin, '/assets/index-abc.js', cookie);
    expect(asset.headers['content-type']).toMatch(/text\/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });

  it('never serves files outside the renderer folder', async () => {
    const web = await start();
    const cookie = await signIn(web);
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%E0%A4%A']) {
      const answer = await get(web.origin, path, cookie);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('root:');
    }
  });

  it('carries the contract over the WebSocket, answering bad input with typed errors', async () => {
    const web = await start();
    const cookie = await signIn(web);
    const socket = await openSocket(web, { cookie, origin: web.origin });
    const nextMessage = inbox(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 'p1', method: 'core.ping', params: {} }));
    expect(await nextMessage()).toMatchObject({ kind: 'reply', id: 'p1', ok: true });
    socket.send('{ not json');
    expect(await nextMessage()).toMatchObject({ kind: 'reply', ok: false, error: { code: 'invalid_message' } });
    socket.send(JSON.stringify({ kind: 'request', id: 'p2', method: 'agent.setState', params: { state: 'available' } }));
    // The reply, and the events the change caused (status, sync), in whatever order they come.
    const seen: Record<string, unknown>[] = [];
    while (!seen.some((message) => message.kind === 'reply')) seen.push(await nextMessage());
    expect(seen.find((message) => message.kind === 'reply')).toMatchObject({ id: 'p2', ok: true, result: { state: 'available' } });
    const statusEvent = seen.find((message) => message.kind === 'event' && message.name === 'status.changed') ?? (await nextMessage());
    expect(statusEvent).toMatchObject({ kind: 'event' });
    socket.close();
  });

  it('refuses a WebSocket without the session or from another origin', async () => {
    const web = await start();
    const cookie = await signIn(web);
    await expect(openSocket(web, { origin: web.origin })).rejects.toThrow(/401/);
    await expect(openSocket(web, { cookie, origin: 'http://evil.example' })).rejects.toThrow(/401/);
  });
});
