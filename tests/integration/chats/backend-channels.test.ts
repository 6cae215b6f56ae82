import { describe, expect, it } from 'vitest';
import { messengerSignature } from '../../../backend/chats/messenger-inbound';
import type { WireMessage } from '../../../backend/chats/wire';
import type { Db } from '../../../backend/db/adapter';
import { DIALECTS, freshDb } from '../backend/helpers/dialects';
import { mutation, startBackend, type TestBackend } from '../backend/helpers/server';
import { LiveSocket, ofType } from './live-socket';

/* Inbound Messenger and e-mail webhooks, on the real backend and both databases. */

const wsUrl = (backend: TestBackend, path: string) => backend.url.replace(/^http/, 'ws') + path;

async function availableDesk(backend: TestBackend, username: string): Promise<{ token: string; socket: LiveSocket }> {
  const token = await backend.login(username);
  const socket = await LiveSocket.open(wsUrl(backend, '/chats/desk'), { authorization: `Bearer ${token}` });
  await socket.next(ofType('hello'));
  const state = mutation({ entity: 'agent_state', kind: 'create', payload: { state: 'available', reason: null, changedAt: Date.now() } });
  expect((await backend.call('/sync/push', { token, json: { mutations: [state] } })).status).toBe(200);
  return { token, socket };
}

interface Offer {
  offer: { id: string; preview: string; conversation: { id: string; channel: string; resident_contact: string; resident_name: string | null } };
}

/** Accepts the offer and returns the conversation's history as the desk receives it. */
async function accept(desk: { socket: LiveSocket }, offer: Offer, ref: string): Promise<WireMessage[]> {
  desk.socket.send({ type: 'accept', ref, offer_id: offer.offer.id });
  expect(await desk.socket.next((f) => f.type === 'ack' && f.ref === ref)).toMatchObject({ ok: true });
  return (await desk.socket.next<{ messages: WireMessage[] }>((f) => f.type === 'messages' && f.conversation_id === offer.offer.conversation.id)).messages;
}

async function history(desk: { socket: LiveSocket }, conversationId: string): Promise<string[]> {
  desk.socket.send({ type: 'fetch', conversation_id: conversationId, after: 0 });
  const all = await desk.socket.fresh<{ messages: WireMessage[] }>((f) => f.type === 'messages' && f.conversation_id === conversationId);
  return all.messages.map((m) => m.text);
}

async function reply(backend: TestBackend, token: string, conversationId: string, text: string): Promise<string> {
  const m = mutation({ entity: 'chat_message', kind: 'create', payload: { conversation_id: conversationId, text, created_at: Date.now() } });
  const response = await backend.call('/sync/push', { token, json: { mutations: [m] } });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { results: { status: string }[] }).results[0]?.status).toBe('applied');
  return m.entity_id;
}

const outgoing = (db: Db, id: string) =>
  db.query<{ channel: string; recipient: string; subject: string | null; text: string; status: string; provider_id: string | null }>(
    'SELECT channel, recipient, subject, text, status, provider_id FROM outgoing_messages WHERE id = ?',
    [id],
  );

describe.each(DIALECTS)('chat channels (Messenger, e-mail) on %s', (dialect) => {
  it('Messenger: verifies the webhook, refuses bad signatures, routes a message once, and queues the reply for the Send API', async () => {
    const db = await freshDb(dialect);
    const backend = await startBackend(dialect, { db, chats: { messengerVerifyToken: 'weryfikacja', messengerAppSecret: 'sekret-aplikacji' } });

    const verify = (query: string) => backend.call(`/chats/messenger/webhook?${query}`);
    const ok = await verify('hub.mode=subscribe&hub.verify_token=weryfikacja&hub.challenge=1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await verify('hub.mode=subscribe&hub.verify_token=nie-ten&hub.challenge=1')).status).toBe(403);
    expect((await verify('hub.mode=unsubscribe&hub.verify_token=weryfikacja&hub.challenge=1')).status).toBe(403);

    const psid = '6123456789012345';
    const event = (mid: string, text: string) =>
      JSON.stringify({
        object: 'page',
        entry: [{ id: '1029384756', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: '1029384756' }, timestamp: Date.now(), message: { mid, text } }] }],
      });
    const post = (body: string, signature: string | null) =>
      backend.call('/chats/messenger/webhook', { body, headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) } });
    const first = event('m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P', 'Kiedy odbiór gabarytów na Psim Polu? 🛋️');
    expect((await post(first, null)).status).toBe(403);
    expect((await post(first, messengerSignature('inny-sekret', first))).status).toBe(403);
    // Signed, but the body changed after signing.
    expect((await post(first.replace('Psim', 'Krzykach'), messengerSignature('sekret-aplikacji', first))).status).toBe(403);

    const anna = await availableDesk(backend, 'konsultant');
    const accepted = await post(first, messengerSignature('sekret-aplikacji', first));
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('EVENT_RECEIVED');
    // Meta retries the same mid: stored once.
    expect((await post(first, messengerSignature('sekret-aplikacji', first))).status).toBe(200);
    const offer = await anna.socket.next<Offer>(ofType('offer'));
    expect(offer.offer.conversation).toMatchObject({ channel: 'messenger', resident_contact: psid });
    expect(offer.offer.preview).toBe('Kiedy odbiór gabarytów na Psim Polu? 🛋️');
    expect((await accept(anna, offer, 'a')).map((m) => m.text)).toEqual(['Kiedy odbiór gabarytów na Psim Polu? 🛋️']);

    // The next message of the same sender continues the conversation, live on the desk.
    const second = event('m_second-message-0001', 'Chodzi o ul. Kiełczowską');
    expect((await post(second, messengerSignature('sekret-aplikacji', second))).status).toBe(200);
    await anna.socket.next((f) => f.type === 'message' && (f.message as WireMessage).text === 'Chodzi o ul. Kiełczowską');

    const id = await reply(backend, anna.token, offer.offer.conversation.id, 'Odbiór jest w czwartek.');
    expect(await outgoing(db, id)).toEqual([{ channel: 'messenger', recipient: psid, subject: null, text: 'Odbiór jest w czwartek.', status: 'queued', provider_id: null }]);
    expect(await history(anna, offer.offer.conversation.id)).toEqual(['Kiedy odbiór gabarytów na Psim Polu? 🛋️', 'Chodzi o ul. Kiełczowską', 'Odbiór jest w czwartek.']);
    anna.socket.close();
  });

  it('e-mail: refuses a wrong secret, continues a thread by In-Reply-To, stores a retried Message-Id once, and reduces HTML-only mail to text', async () => {
    const db = await freshDb(dialect);
    const backend = await startBackend(dialect, { db, chats: { emailInboundSecret: 'sekret-poczty' } });
    const auth = (password: string) => `Basic ${Buffer.from(`inbound:${password}`).toString('base64')}`;
    const postForm = (fields: Record<string, string>, password = 'sekret-poczty') =>
      backend.call('/chats/email/inbound', { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth(password) } });

    const mail = {
      from: 'Jan Kowalski <Jan.Kowalski@example.pl>',
      to: 'kontakt@miasto.example',
      subject: 'Zepsuta ławka',
      text: 'Dzień dobry,\nławka przy fontannie jest połamana.',
      'Message-Id': '<CAF=abc123.very.long.message.id.from.a.mail.program.0123456789@mail.example.pl>',
    };
    expect((await postForm(mail, 'zle-haslo')).status).toBe(401);
    expect((await backend.call('/chats/email/inbound', { body: new URLSearchParams(mail).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);

    const anna = await availableDesk(backend, 'konsultant');
    const stored = await postForm(mail);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ stored: true });
    // The provider retries: the same Message-Id is stored once.
    expect(await (await postForm(mail)).json()).toEqual({ stored: false });
    const offer = await anna.socket.next<Offer>(ofType('offer'));
    expect(offer.offer.conversation).toMatchObject({ channel: 'email', resident_contact: 'jan.kowalski@example.pl', resident_name: 'Jan Kowalski' });
    const conversationId = offer.offer.conversation.id;
    expect((await accept(anna, offer, 'a')).map((m) => m.text)).toEqual(['Temat: Zepsuta ławka\n\nDzień dobry,\nławka przy fontannie jest połamana.']);

    const answerId = await reply(backend, anna.token, conversationId, 'Zgłosiliśmy naprawę do ZZM.');
    const [queued] = await outgoing(db, answerId);
    expect(queued).toMatchObject({ channel: 'email', recipient: 'jan.kowalski@example.pl', text: 'Zgłosiliśmy naprawę do ZZM.', status: 'queued' });
    expect(queued!.provider_id).toMatch(/^<.+@.+>$/);

    // The resident answers from another address: In-Reply-To (the consultant's Message-Id) keeps the thread; the quote goes.
    const answer = {
      from: 'jan.k@praca.example.pl',
      subject: 'Re: Odpowiedź Centrum Kontaktu Miasta',
      text: 'Dziękuję, a kiedy?\n\nW dniu 12.05.2025 o 10:00 Centrum Kontaktu napisał(a):\n> Zgłosiliśmy naprawę do ZZM.\n>',
      'Message-Id': '<reply-1@praca.example.pl>',
      'In-Reply-To': queued!.provider_id!,
      References: `${mail['Message-Id']} ${queued!.provider_id!}`,
    };
    expect(await (await postForm(answer)).json()).toEqual({ stored: true });
    await anna.socket.next((f) => f.type === 'message' && (f.message as WireMessage).text === 'Dziękuję, a kiedy?');
    expect(await history(anna, conversationId)).toEqual([
      'Temat: Zepsuta ławka\n\nDzień dobry,\nławka przy fontannie jest połamana.',
      'Zgłosiliśmy naprawę do ZZM.',
      'Dziękuję, a kiedy?',
    ]);
    const [{ n }] = (await db.query<{ n: number }>("SELECT count(*) AS n FROM chat_conversations WHERE channel = 'email'", [])) as [{ n: number }];
    expect(Number(n)).toBe(1);

    // HTML only (JSON this time): stored as text, never as markup.
    const html = await backend.call('/chats/email/inbound', {
      json: {
        from: 'ewa@example.pl',
        subject: 'Hałas',
        html: '<html><head><style>p{color:red}</style></head><body><p>Głośna <b>budowa</b> &amp; kucie</p><p>od 5:00<br>codziennie</p><script>alert(1)</script></body></html>',
        'Message-Id': '<html-1@example.pl>',
      },
      headers: { authorization: auth('sekret-poczty') },
    });
    expect(await html.json()).toEqual({ stored: true });
    const htmlOffer = await anna.socket.next<Offer>((f) => f.type === 'offer' && (f.offer as Offer['offer']).conversation.resident_contact === 'ewa@example.pl');
    expect(htmlOffer.offer.preview).toBe('Temat: Hałas\n\nGłośna budowa & kucie\nod 5:00\ncodziennie');
    anna.socket.close();
  });
});
