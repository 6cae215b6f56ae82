import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { DEFAULT_SETTINGS, DeskStatus, Settings } from '../../../preload/contract';
import { startTestCore } from '../../helpers/core';
import type { TestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/temp-dir';

const started: TestCore[] = [];
function start(dataDir = tempDir()): TestCore {
  const test = startTestCore(dataDir);
  started.push(test);
  return test;
}
afterEach(() => {
  for (const test of started.splice(0)) test.core.close();
});

describe('the core answers the contract', () => {
  it('says hello with the store state and answers a ping', async () => {
    const { call } = start();
    const hello = await call('core.hello', { client: 'test' });
    expect(hello).toMatchObject({ ok: true, result: { appVersion: '0.0.0-test', store: { state: 'ready' } } });
    expect(await call('core.ping')).toMatchObject({ ok: true, result: { at: expect.any(Number) } });
  });

  it('answers messages that are not requests with a typed error, logs them and keeps serving', async () => {
    const { core, call, logLines } = start();
    for (const bad of [null, 42, 'text', [], { kind: 'request' }, { kind: 'reply', id: 'x' }, { kind: 'request', id: 'x'.repeat(65), method: 'core.ping' }]) {
      const reply = await core.handle(bad);
      expect(reply).toMatchObject({ kind: 'reply', ok: false, error: { code: 'invalid_message' } });
    }
    expect(await core.handle({ kind: 'request', id: 'q1', method: 'settings.burn', params: {} })).toMatchObject({
      id: 'q1',
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await core.handle({ kind: 'request', id: 'q2', method: 'core.hello', params: { client: 'hacker' } })).toMatchObject({
      id: 'q2',
      ok: false,
      error: { code: 'invalid_params', issues: [{ field: 'client' }] },
    });
    expect(await core.handle({ kind: 'request', id: 'q3', method: 'core.ping', params: { extra: true } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(logLines.filter((line) => line.includes('"level":"warn"')).length).toBeGreaterThanOrEqual(10);
    expect(await call('core.ping')).toMatchObject({ ok: true });
  });

  it('stores settings, refuses invalid ones naming each field, and keeps what was saved', async () => {
    const { call, events } = start();
    expect(await call('settings.get')).toEqual({ kind: 'reply', id: expect.any(String), ok: true, result: DEFAULT_SETTINGS });
    const saved = await call('settings.update', { ui: { language: 'en', theme: 'dark' }, backend: { url: 'https://19115.miasto.example' } });
    expect(saved).toMatchObject({ ok: true, result: { ui: { language: 'en', theme: 'dark' } } });
    expect(events.some((event) => event.name === 'settings.changed')).toBe(true);

    const refused = await call('settings.update', {
      backend: { url: 'http://example.com:99999' },
      sip: { ...DEFAULT_SETTINGS.sip, websocketUrl: 'wss://pbx.example', uri: 'alice@' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_settings',
        issues: expect.arrayContaining([
          { field: 'backend.url', code: 'port_invalid' },
          { field: 'sip.uri', code: 'sip_uri_invalid' },
        ]),
      },
    });
    const after = await call('settings.get');
    expect(after.ok && Settings.parse(after.result).backend.url).toBe('https://19115.miasto.example');
    expect(after.ok && Settings.parse(after.result).ui.language).toBe('en');
  });

  it('keeps settings across a restart of the core', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    await first.call('settings.update', { audio: { microphoneId: 'headset-mic', speakerId: 'headset', ringerId: 'speakers' } });
    first.core.close();
    const second = start(dataDir);
    const settings = await second.call('settings.get');
    expect(settings.ok && Settings.parse(settings.result).audio).toEqual({ microphoneId: 'headset-mic', speakerId: 'headset', ringerId: 'speakers' });
  });

  it('falls back to defaults for a stored section that no longer validates, without deleting it', async () => {
    const dataDir = tempDir();
    start(dataDir).core.close();
    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    db.prepare(`INSERT INTO settings VALUES ('ui', '{"language":"klingon","theme":"dark"}', 1)`).run();
    db.close();
    const { call, logLines } = start(dataDir);
    const settings = await call('settings.get');
    expect(settings.ok && Settings.parse(settings.result).ui).toEqual(DEFAULT_SETTINGS.ui);
    expect(logLines.some((line) => line.includes('stored settings section is invalid'))).toBe(true);
    const check = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(check.prepare(`SELECT value FROM settings WHERE section = 'ui'`).pluck().get()).toContain('klingon');
    check.close();
  });

  it('records agent state changes as unsent work and asks before quitting', async () => {
    const { call, events } = start();
    expect(await call('desk.quitCheck')).toMatchObject({ ok: true, result: { mustConfirm: false, unsentCount: 0, activeCalls: 0 } });
    await call('agent.setState', { state: 'available' });
    const onBreak = await call('agent.setState', { state: 'not_available', reason: 'break' });
    expect(onBreak).toMatchObject({ ok: true, result: { state: 'not_available', reason: 'break' } });
    const status = await call('status.get');
    expect(status.ok && DeskStatus.parse(status.result)).toMatchObject({ unsentCount: 2, agent: { state: 'not_available' } });
    const statusEvents = events.filter((event) => event.name === 'status.changed');
    expect(statusEvents.length).toBeGreaterThanOrEqual(2);
    expect(DeskStatus.parse(statusEvents.at(-1)!.payload)).toMatchObject({ unsentCount: 2, agent: { state: 'not_available', reason: 'break' } });
    expect(await call('desk.quitCheck')).toMatchObject({ ok: true, result: { mustConfirm: true, unsentCount: 2 } });
  });

  it('counts active calls reported by the softphone', async () => {
    const { call } = start();
    await call('desk.reportActivity', { activeCalls: 1 });
    expect(await call('desk.quitCheck')).toMatchObject({ ok: true, result: { mustConfirm: true, activeCalls: 1, unsentCount: 0 } });
  });

  it('forwards power events and call links from the shell as events', async () => {
    const { call, events } = start();
    await call('system.power', { event: 'resume' });
    await call('desk.openLink', { uri: 'tel:+48126161234' });
    const forwarded = events.filter((event) => event.name === 'system.power' || event.name === 'desk.linkOpened');
    expect(forwarded.map((event) => [event.name, event.payload])).toEqual([
      ['system.power', { event: 'resume', at: expect.any(Number) }],
      ['desk.linkOpened', { uri: 'tel:+48126161234', at: expect.any(Number) }],
    ]);
    expect(await call('desk.openLink', { uri: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });

  it('answers only hello and ping when the database cannot be opened, naming the reason', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'blocker'), 'a file where a folder should be');
    const { call } = start(join(dataDir, 'blocker'));
    const hello = await call('core.hello', { client: 'test' });
    expect(hello).toMatchObject({ ok: true, result: { store: { state: 'failed', reason: 'cannot_open' } } });
    expect(await call('settings.get')).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
    expect(await call('core.ping')).toMatchObject({ ok: true });
  });
});
