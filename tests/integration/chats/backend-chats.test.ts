import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../backend/common/ids';
import { smsSignature } from '../../../backend/chats/routes';
import { RATING_QUESTION_SMS } from '../../../backend/chats/chat-hub';
import type { WireMessage } from '../../../backend/chats/wire';
import { DIALECTS } from '../backend/helpers/dialects';
import { mutation, startBackend, type TestBackend } from '../backend/helpers/server';
import { LiveSocket, ofType } from './live-socket';

const wsUrl = (backend: TestBackend, path: string) => backend.url.replace(/^http/, 'ws') + path;

async function available(backend: TestBackend, token: string, state = 'available'): Promise<void> {
  const response = await backend.call('/sync/push', {
    token,
    json: { mutations: [mutation({ entity: 'agent_state', kind: 'create', payload: { state, reason: state === 'not_available' ? 'break' : null, changedAt: Date.now() } })] },
  });
  expect(response.status).toBe(200);
}

async function desk(backend: TestBackend, username: string): Promise<{ token: string; socket: LiveSocket }> {
  const token = await backend.login(username);
  const socket = await LiveSocket.open(wsUrl(backend, '/chats/desk'), { authorization: `Bearer ${token}` });
  await socket.next(ofType('hello'));
  return { token, socket };
}

async function resident(backend: TestBackend, name = 'Zofia Żółć', queue = 'general'): Promise<{ id: string; key: string; socket: LiveSocket }> {
  const response = await backend.call('/chat/start', { json: { name, queue } });
  expect(response.status).toBe(201);
  const { conversation_id: id, key } = (await response.json()) as { conversation_id: string; key: string };
  const socket = await LiveSocket.open(wsUrl(backend, `/chats/resident?conversation=${id}&key=${encodeURIComponent(key)}`));
  await socket.next(ofType('hello'));
  return { id, key, socket };
}

const messageWith = (text: string) => (frame: Record<string, unknown>) => frame.type === 'message' && (frame.message as WireMessage).text === text;

describe.each(DIALECTS)('chats backend on %s', (dialect) => {
  it('routes a resident to an available consultant, who accepts; messages flow both ways in order, exactly once', async () => {
    const backend = await startBackend(dialect);
    const anna = await desk(backend, 'konsultant');
    const chat = await resident(backend);
    // Not available yet: no offer. Available: the offer comes.
    await available(backend, anna.token);
    chat.socket.send({ type: 'message', client_id: uuidv7(), text: 'Dzień dobry, gdzie zgłosić dziurę? 🕳️' });
    await chat.socket.next(messageWith('Dzień dobry, gdzie zgłosić dziurę? 🕳️'));
    const offer = await anna.socket.next<{ offer: { id: string; conversation: { id: string }; preview: string } }>(ofType('offer'));
    expect(offer.offer.conversation.id).toBe(chat.id);
    anna.socket.send({ type: 'accept', ref: 'r1', offer_id: offer.offer.id });
    expect(await anna.socket.next((f) => f.type === 'ack' && f.ref === 'r1')).toMatchObject({ ok: true });
    const history = await anna.socket.next<{ messages: WireMessage[] }>(ofType('messages'));
    expect(history.messages.map((m) => [m.seq, m.author, m.text])).toEqual([[1, 'resident', 'Dzień dobry, gdzie zgłosić dziurę? 🕳️']]);
    await chat.socket.next((f) => f.type === 'status' && (f.conversation as { status: string }).status === 'active');

    // The consultant's messages travel through sync push; a replay of the same push is not doubled.
    const push = [1, 2, 3].map((n) => mutation({ entity: 'chat_message', kind: 'create', payload: { conversation_id: chat.id, text: `Odpowiedź ${n} <script>alert(1)</script>`, created_at: Date.now() } }));
    for (const attempt of [1, 2]) {
      const response = await backend.call('/sync/push', { token: anna.token, json: { mutations: push } });
      expect(response.status, `attempt ${attempt}`).toBe(200);
    }
    await chat.socket.next(messageWith('Odpowiedź 3 <script>alert(1)</script>'));
    anna.socket.send({ type: 'fetch', conversation_id: chat.id, after: 0 });
    const all = await anna.socket.fresh<{ messages: WireMessage[] }>(ofType('messages'));
    expect(all.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(all.messages.slice(1).map((m) => m.author_name)).toEqual(['Anna Konsultantka', 'Anna Konsultantka', 'Anna Konsultantka']);

    // Receipts: the resident saw up to 4 and read it.
    chat.socket.send({ type: 'seen', seq: 4, read: true });
    expect(await anna.socket.next(ofType('receipt'))).toMatchObject({ conversation_id: chat.id, delivered_seq: 4, read_seq: 4 });
    // Typing goes to the other side.
    chat.socket.send({ type: 'typing', typing: true });
    expect(await anna.socket.next(ofType('typing'))).toMatchObject({ conversation_id: chat.id, typing: true });

    // Over the limit: refused with a code, not stored.
    const long = uuidv7();
    chat.socket.send({ type: 'message', client_id: long, text: 'x'.repeat(2001) });
    expect(await chat.socket.next((f) => f.type === 'error' && f.client_id === long)).toMatchObject({ code: 'too_long', max: 2000 });
    // A resident's resend after a drop (same client id) is stored once.
    const again = uuidv7();
    chat.socket.send({ type: 'message', client_id: again, text: 'Zażółć gęślą jaźń' });
    chat.socket.send({ type: 'message', client_id: again, text: 'Zażółć gęślą jaźń' });
    await anna.socket.next(messageWith('Zażółć gęślą jaźń'));
    anna.socket.send({ type: 'fetch', conversation_id: chat.id, after: 4 });
    const after = await anna.socket.fresh<{ messages: WireMessage[] }>(ofType('messages'));
    expect(after.messages.map((m) => m.text)).toEqual(['Zażółć gęślą jaźń']);

    // Close with a wrap-up code; the resident rates 1..5 once.
    anna.socket.send({ type: 'close', ref: 'r2', conversation_id: chat.id, wrap_up_code: 'info_given' });
    expect(await anna.socket.next((f) => f.type === 'ack' && f.ref === 'r2')).toMatchObject({ ok: true });
    await chat.socket.next((f) => f.type === 'status' && (f.conversation as { status: string }).status === 'closed');
    chat.socket.send({ type: 'rate', rating: 5 });
    const rated = await anna.socket.next<{ conversation: { rating: number; wrap_up_code: string } }>((f) => f.type === 'conversation' && (f.conversation as { rating: number | null }).rating !== null);
    expect(rated.conversation).toMatchObject({ rating: 5, wrap_up_code: 'info_given', status: 'closed' });
    anna.socket.close();
    chat.socket.close();
  });

  it('keeps to the limit of concurrent chats, offers the next after a decline to someone else, and transfers with a note', async () => {
    const backend = await startBackend(dialect, { chats: { maxChatsPerAgent: 1, offerTimeoutMs: 10_000, declineCooldownMs: 60_000 } });
    const anna = await desk(backend, 'konsultant');
    await available(backend, anna.token);
    const first = await resident(backend, 'Pierwszy');
    const offer1 = await anna.socket.next<{ offer: { id: string; conversation: { id: string } } }>(ofType('offer'));
    expect(offer1.offer.conversation.id).toBe(first.id);
    const second = await resident(backend, 'Drugi');
    anna.socket.send({ type: 'accept', ref: 'a', offer_id: offer1.offer.id });
    await anna.socket.next((f) => f.type === 'ack' && f.ref === 'a');
    // At her limit: the second waits.
    const kierownik = await desk(backend, 'kierownik');
    await available(backend, kierownik.token);
    const offer2 = await kierownik.socket.next<{ offer: { id: string; conversation: { id: string } } }>(ofType('offer'));
    expect(offer2.offer.conversation.id).toBe(second.id);
    expect(anna.socket.frames.filter(ofType('offer'))).toHaveLength(1);
    kierownik.socket.send({ type: 'decline', ref: 'd', offer_id: offer2.offer.id });
    await kierownik.socket.next((f) => f.type === 'ack' && f.ref === 'd');

    // Anna transfers her chat to the supervisor with a note; he accepts and sees it.
    const kierownikId = (kierownik.socket.frames.find(ofType('hello')) as { user_id: string }).user_id;
    anna.socket.send({ type: 'transfer', ref: 't', conversation_id: first.id, target: { kind: 'agent', user_id: kierownikId }, note: 'Sprawa podatkowa' });
    expect(await anna.socket.next((f) => f.type === 'ack' && f.ref === 't')).toMatchObject({ ok: true });
    await anna.socket.next(ofType('released'));
    const transferred = await kierownik.socket.next<{ offer: { id: string; note: string; from_name: string; conversation: { id: string } } }>(
      (f) => f.type === 'offer' && (f.offer as { conversation: { id: string } }).conversation.id === first.id,
    );
    expect(transferred.offer).toMatchObject({ note: 'Sprawa podatkowa', from_name: 'Anna Konsultantka' });
    kierownik.socket.send({ type: 'accept', ref: 'k', offer_id: transferred.offer.id });
    expect(await kierownik.socket.next((f) => f.type === 'ack' && f.ref === 'k')).toMatchObject({ ok: true });
    // Anna is free again: the second chat comes to her.
    await anna.socket.next((f) => f.type === 'offer' && (f.offer as { conversation: { id: string } }).conversation.id === second.id);
    for (const s of [anna.socket, kierownik.socket, first.socket, second.socket]) s.close();
  });

  it('takes SMS from a signed gateway webhook, refuses a bad signature, and records replies as sent', async () => {
    const backend = await startBackend(dialect, { chats: { smsSecret: 'sekret' } });
    const post = (form: Record<string, string>, signature: string) =>
      backend.call('/chats/sms/inbound', { body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } });
    const form = { From: '+48600100200', To: '+4819115', Body: 'Nie działa latarnia na Długiej', MessageSid: 'SM0123456789abcdef0123456789abcdef' };
    const url = `${backend.url}/chats/sms/inbound`;
    expect((await post(form, 'zly-podpis')).status).toBe(403);
    const anna = await desk(backend, 'konsultant');
    await available(backend, anna.token);
    const ok = await post(form, smsSignature('sekret', url, form));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<Response>');
    // The provider retries the same MessageSid: stored once.
    expect((await post(form, smsSignature('sekret', url, form))).status).toBe(200);
    const offer = await anna.socket.next<{ offer: { id: string; preview: string; conversation: { id: string; channel: string; resident_contact: string } } }>(ofType('offer'));
    expect(offer.offer.conversation).toMatchObject({ channel: 'sms', resident_contact: '+48600100200' });
    expect(offer.offer.preview).toBe('Nie działa latarnia na Długiej');
    anna.socket.send({ type: 'accept', ref: 'a', offer_id: offer.offer.id });
    const history = await anna.socket.next<{ messages: WireMessage[] }>(ofType('messages'));
    expect(history.messages).toHaveLength(1);
    const reply = mutation({ entity: 'chat_message', kind: 'create', payload: { conversation_id: offer.offer.conversation.id, text: 'Przekazaliśmy do ZDM.', created_at: Date.now() } });
    await backend.call('/sync/push', { token: anna.token, json: { mutations: [reply] } });
    const sent = await anna.socket.next<{ message: WireMessage }>(messageWith('Przekazaliśmy do ZDM.'));
    expect(sent.message.sms_sent).toBe(true);
    anna.socket.send({ type: 'close', ref: 'c', conversation_id: offer.offer.conversation.id, wrap_up_code: 'forwarded' });
    await anna.socket.next(messageWith(RATING_QUESTION_SMS));
    const rating = { ...form, Body: '4', MessageSid: 'SM1123456789abcdef0123456789abcdef' };
    expect((await post(rating, smsSignature('sekret', url, rating))).status).toBe(200);
    const rated = await anna.socket.next<{ conversation: { rating: number } }>((f) => f.type === 'conversation' && (f.conversation as { rating: number | null }).rating !== null);
    expect(rated.conversation.rating).toBe(4);
    anna.socket.close();
  });

  it('refuses what it must: a desk without a token, a resident with a wrong key, attachment types that are not allowed', async () => {
    const backend = await startBackend(dialect);
    const stranger = await LiveSocket.open(wsUrl(backend, '/chats/desk'));
    await expect.poll(() => stranger.closeCode).toBe(4401);
    const chat = await resident(backend);
    const wrongKey = await LiveSocket.open(wsUrl(backend, `/chats/resident?conversation=${chat.id}&key=nie-ten`));
    await expect.poll(() => wrongKey.closeCode).toBe(4403);
    const upload = (type: string, data: Buffer) => backend.call('/chat/attachments', { json: { conversation_id: chat.id, key: chat.key, name: 'plik', type, data_base64: data.toString('base64') } });
    expect((await upload('text/html', Buffer.from('<script>alert(1)</script>'))).status).toBe(415);
    expect((await upload('image/png', Buffer.from('<script>alert(1)</script>'))).status).toBe(415); // bytes are not a PNG
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const stored = await upload('image/png', png);
    expect(stored.status).toBe(201);
    const page = await backend.call('/chat');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Czat z Centrum Kontaktu Miasta');
    chat.socket.close();
  });
});
