import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import type { EventEnvelope } from '../../../preload/contract';
import { startTestCore, type TestCore } from '../../helpers/core';
import { readDatabase } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import { testBackend } from '../../helpers/test-backend';
import { LiveSocket, ofType } from './live-socket';

// The desk core against the real backend process: a consultant's attachments, answers by SMS and
// e-mail through the outbox, and the live channel ending with Core.close().

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);

function nextEvent(desk: TestCore, match: (event: EventEnvelope) => boolean, timeoutMs = 10_000): Promise<EventEnvelope> {
  const seen = desk.events.find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such event')), timeoutMs);
    const unsubscribe = desk.core.subscribe((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

async function signedIn(url: string): Promise<{ desk: TestCore; dataDir: string }> {
  const dataDir = tempDir();
  const desk = startTestCore(dataDir, { pullIntervalMs: 3_600_000 });
  closers.push(() => desk.core.close());
  await desk.call('settings.update', { backend: { url } });
  expect(await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' })).toMatchObject({ ok: true });
  return { desk, dataDir };
}

const issueCodes = (reply: unknown) => ((reply as { error?: { issues?: { code: string }[] } }).error?.issues ?? []).map((issue) => issue.code);

describe('answers a consultant sends from the desk', () => {
  it('sends by SMS and e-mail through the outbox: checked, stored with their outbox entry, queued at the backend', async () => {
    const city = await testBackend();
    const { desk, dataDir } = await signedIn(city.url);
    const local = <T>(sql: string) => readDatabase(join(dataDir, DATABASE_FILE), (db) => db.prepare(sql).all() as T[]);

    // Bad input: refused with a code the desk translates, nothing stored.
    expect(issueCodes(await desk.call('chats.sendOutgoing', { channel: 'sms', to: '12ab', text: 'Treść' }))).toEqual(['phone_invalid']);
    expect(issueCodes(await desk.call('chats.sendOutgoing', { channel: 'email', to: 'jan@', text: 'Treść' }))).toEqual(['email_invalid']);
    expect(issueCodes(await desk.call('chats.sendOutgoing', { channel: 'sms', to: '601 234 567', text: 'x'.repeat(919) }))).toEqual(['too_long']);
    expect(issueCodes(await desk.call('chats.sendOutgoing', { channel: 'sms', to: '601 234 567', text: '   ' }))).toEqual(['required']);
    expect(local("SELECT * FROM outbox WHERE entity = 'outgoing_message'")).toEqual([]);

    const sms = await desk.call('chats.sendOutgoing', { channel: 'sms', to: '601 234 567', text: 'Dowód osobisty: wniosek w urzędzie lub przez ePUAP. Opłata: 0 zł.', kbArticleId: 'dowod-osobisty' });
    expect(sms).toMatchObject({ ok: true, result: { channel: 'sms', to: '+48601234567', status: 'queued' } });
    const mail = await desk.call('chats.sendOutgoing', { channel: 'email', to: 'jan.kowalski@example.pl', subject: 'Dowód osobisty', text: 'Zażółć gęślą jaźń – odpowiedź.', kbArticleId: 'dowod-osobisty' });
    expect(mail).toMatchObject({ ok: true, result: { channel: 'email', to: 'jan.kowalski@example.pl', status: 'queued' } });
    // Each record and its outbox entry, committed together.
    expect(local<{ id: string }>('SELECT id FROM outgoing_messages ORDER BY id').map((row) => row.id)).toEqual(
      local<{ entity_id: string }>("SELECT entity_id FROM outbox WHERE entity = 'outgoing_message' ORDER BY entity_id").map((row) => row.entity_id),
    );

    const status = await desk.core.syncOnce();
    expect(status).toMatchObject({ unsentCount: 0 });
    const stored = readDatabase(city.dbFile, (db) => db.prepare('SELECT channel, recipient, subject, text, kb_article_id, status, provider_id FROM outgoing_messages ORDER BY channel').all()) as Record<string, unknown>[];
    expect(stored).toEqual([
      { channel: 'email', recipient: 'jan.kowalski@example.pl', subject: 'Dowód osobisty', text: 'Zażółć gęślą jaźń – odpowiedź.', kb_article_id: 'dowod-osobisty', status: 'queued', provider_id: null },
      { channel: 'sms', recipient: '+48601234567', subject: null, text: 'Dowód osobisty: wniosek w urzędzie lub przez ePUAP. Opłata: 0 zł.', kb_article_id: 'dowod-osobisty', status: 'queued', provider_id: expect.stringMatching(/^SM[0-9a-f]{32}$/) },
    ]);
  });

  it('sends a consultant attachment into a chat (type, size and content checked); Core.close() ends the live channel at once', async () => {
    const city = await testBackend();
    const { desk } = await signedIn(city.url);
    await desk.call('agent.setState', { state: 'available' });
    await desk.core.syncOnce();
    await desk.call('chats.state');
    await nextEvent(desk, (e) => e.name === 'chats.connection' && (e.payload as { state: string }).state === 'connected');

    const started = (await (await fetch(`${city.url}/chat/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Zofia', queue: 'general' }) })).json()) as { conversation_id: string; key: string };
    const resident = await LiveSocket.open(`${city.url.replace(/^http/, 'ws')}/chats/resident?conversation=${started.conversation_id}&key=${encodeURIComponent(started.key)}`);
    closers.push(() => resident.close());
    await resident.next(ofType('hello'));
    const offer = await nextEvent(desk, (e) => e.name === 'chats.offer');
    expect(await desk.call('chats.accept', { offerId: (offer.payload as { id: string }).id })).toMatchObject({ ok: true });
    await nextEvent(desk, (e) => e.name === 'chats.conversation' && (e.payload as { status: string }).status === 'active');
    const conversationId = started.conversation_id;

    // Refused before anything is stored: a type not allowed, bytes that are not what the type says, too large.
    expect(issueCodes(await desk.call('chats.sendAttachment', { conversationId, name: 'a.txt', type: 'text/plain', dataBase64: Buffer.from('hi').toString('base64') }))).toEqual(['attachment_type']);
    expect(issueCodes(await desk.call('chats.sendAttachment', { conversationId, name: 'virus.png', type: 'image/png', dataBase64: Buffer.from('MZ\x90\x00 not a png').toString('base64') }))).toEqual(['attachment_type']);
    expect(issueCodes(await desk.call('chats.sendAttachment', { conversationId, name: 'big.png', type: 'image/png', dataBase64: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]).toString('base64') }))).toEqual(['attachment_too_large']);

    const sent = await desk.call('chats.sendAttachment', { conversationId, name: 'mapa <objazdu>.png', type: 'image/png', dataBase64: PNG.toString('base64'), text: 'Mapa objazdu w załączniku' });
    expect(sent).toMatchObject({ ok: true, result: { seq: null, text: 'Mapa objazdu w załączniku', attachment: { name: 'mapa <objazdu>.png', type: 'image/png', size: PNG.length } } });
    await desk.core.syncOnce();
    const arrived = await resident.next<{ message: { text: string; attachment: { id: string; name: string } } }>((f) => f.type === 'message' && (f.message as { text: string }).text === 'Mapa objazdu w załączniku');
    expect(arrived.message.attachment.name).toBe('mapa <objazdu>.png');
    // The resident downloads exactly those bytes, as a download (never rendered in the page).
    const download = await fetch(`${city.url}/chat/attachments/${arrived.message.attachment.id}?conversation=${conversationId}&key=${encodeURIComponent(started.key)}`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    // The desk gets it back numbered, and can fetch it too.
    const opened = await desk.call('chats.attachment', { id: arrived.message.attachment.id });
    expect(opened).toMatchObject({ ok: true, result: { name: 'mapa <objazdu>.png', type: 'image/png', dataBase64: PNG.toString('base64') } });

    // Core.close(): the desk's live socket is closed right away, so the backend drops it from the roster.
    const supervisorToken = await (await fetch(`${city.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kierownik', password: 'kierownik' }) })).json() as { token: string };
    const watcher = await LiveSocket.open(`${city.url.replace(/^http/, 'ws')}/chats/desk`, { authorization: `Bearer ${supervisorToken.token}` });
    closers.push(() => watcher.close());
    await watcher.next((f) => f.type === 'roster' && (f.agents as { name: string }[]).some((a) => a.name === 'Anna Konsultantka'));
    const gone = watcher.fresh((f) => f.type === 'roster' && !(f.agents as { name: string }[]).some((a) => a.name === 'Anna Konsultantka'), 900);
    desk.core.close();
    await gone; // well within the second the old watch timer needed
  });
});
