/*
 * The minimal resident chat page (for tests and the demo): plain HTML and one small script, no
 * framework. Every message is put on the page with textContent: a resident or a consultant typing
 * "<script>" sees those characters, never runs them.
 */

export const RESIDENT_PAGE_HTML = `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Czat z Centrum Kontaktu Miasta</title>
<link rel="stylesheet" href="/chat/app.css">
</head>
<body>
<main>
<h1>Czat z Centrum Kontaktu Miasta</h1>
<form id="start">
  <label for="name">Imię</label>
  <input id="name" name="name" autocomplete="given-name" required maxlength="200">
  <label for="queue">Temat</label>
  <select id="queue" name="queue"></select>
  <button type="submit">Rozpocznij czat</button>
</form>
<section id="chat" hidden aria-label="Rozmowa">
  <p id="status" role="status"></p>
  <ol id="messages" aria-live="polite" aria-label="Wiadomości"></ol>
  <p id="typing" aria-live="polite"></p>
  <form id="send">
    <label for="text">Wiadomość</label>
    <textarea id="text" rows="3"></textarea>
    <label for="file">Załącznik (PNG, JPEG lub PDF, do 512 KB)</label>
    <input id="file" type="file" accept="image/png,image/jpeg,application/pdf">
    <button type="submit">Wyślij</button>
  </form>
  <p id="error" role="alert"></p>
  <fieldset id="rating" hidden>
    <legend>Jak oceniasz rozmowę? (1 – źle, 5 – bardzo dobrze)</legend>
    <button type="button" data-rating="1">1</button>
    <button type="button" data-rating="2">2</button>
    <button type="button" data-rating="3">3</button>
    <button type="button" data-rating="4">4</button>
    <button type="button" data-rating="5">5</button>
  </fieldset>
  <p id="thanks" role="status" hidden>Dziękujemy za ocenę.</p>
</section>
</main>
<script src="/chat/app.js"></script>
</body>
</html>
`;

export const RESIDENT_PAGE_CSS = `
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1b1b1b; }
label { display: block; margin-top: .5rem; }
textarea, input, select { width: 100%; box-sizing: border-box; font: inherit; }
#messages { list-style: none; padding: 0; max-height: 60vh; overflow: auto; }
#messages li { margin: .25rem 0; padding: .25rem .5rem; border-radius: .25rem; white-space: pre-wrap; overflow-wrap: anywhere; }
#messages li.resident { background: #e8f0fe; }
#messages li.agent { background: #f1f1f1; }
#error { color: #a4262c; }
button { margin-top: .5rem; font: inherit; }
:focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
`;

export const RESIDENT_PAGE_SCRIPT = String.raw`'use strict';
(() => {
  const MAX = 2000;
  const QUEUES = { general: 'Sprawy ogólne', transport: 'Komunikacja i drogi', en: 'In English' };
  const $ = (id) => document.getElementById(id);
  const queue = $('queue');
  for (const [value, label] of Object.entries(QUEUES)) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    queue.append(option);
  }
  let conversation = null;
  let socket = null;
  let lastSeq = 0;
  let retry = 500;
  let typingTimer = null;
  const shown = new Map(); // seq -> li
  const outbox = []; // frames written while the socket was down: sent in order on reconnect
  const STATUS = { waiting: 'Czekasz na konsultanta…', active: 'Rozmawiasz z: ', closed: 'Rozmowa zakończona.' };

  function showError(text) { $('error').textContent = text; }

  function render(message) {
    if (shown.has(message.seq)) return;
    const li = document.createElement('li');
    li.className = message.author;
    li.dataset.seq = String(message.seq);
    const who = document.createElement('strong');
    who.textContent = (message.author === 'resident' ? 'Ty' : message.author === 'agent' ? (message.author_name || 'Konsultant') : 'Centrum') + ': ';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.text; // text, never HTML
    li.append(who, text);
    if (message.attachment) {
      const link = document.createElement('a');
      link.textContent = ' [' + message.attachment.name + ']';
      link.href = '/chat/attachments/' + encodeURIComponent(message.attachment.id) + '?conversation=' + encodeURIComponent(conversation.id) + '&key=' + encodeURIComponent(conversation.key);
      link.download = message.attachment.name;
      li.append(link);
    }
    // Keep the list in seq order even when a message arrives late.
    const later = [...shown.entries()].filter(([seq]) => seq > message.seq).sort((a, b) => a[0] - b[0])[0];
    $('messages').insertBefore(li, later ? later[1] : null);
    shown.set(message.seq, li);
    if (message.seq > lastSeq) lastSeq = message.seq;
    li.scrollIntoView({ block: 'nearest' });
    // Pending copies of our own message go when the server's numbered one arrives.
    const pending = document.querySelector('[data-client-id="' + CSS.escape(message.id) + '"]');
    if (pending) pending.remove();
  }

  function setStatus(view) {
    $('status').textContent = view.status === 'active' ? STATUS.active + (view.agent_name || 'konsultant') : STATUS[view.status];
    const closed = view.status === 'closed';
    $('send').hidden = closed;
    $('rating').hidden = !closed || view.rating !== null;
    $('thanks').hidden = view.rating === null;
  }

  function seen() {
    if (lastSeq > 0) send({ type: 'seen', seq: lastSeq, read: document.visibilityState === 'visible' });
  }

  function send(frame) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(frame));
    else if (frame.type === 'message' || frame.type === 'rate') outbox.push(frame);
  }

  function connect() {
    const url = new URL('/chats/resident', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('conversation', conversation.id);
    url.searchParams.set('key', conversation.key);
    url.searchParams.set('after', String(lastSeq));
    socket = new WebSocket(url);
    socket.onopen = () => {
      retry = 500;
      document.body.dataset.connected = 'true';
      while (outbox.length > 0) socket.send(JSON.stringify(outbox.shift()));
    };
    socket.onclose = () => {
      document.body.dataset.connected = 'false';
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'hello') {
        setStatus(frame.conversation);
        for (const message of frame.messages) render(message);
        seen();
      } else if (frame.type === 'message') {
        render(frame.message);
        seen();
      } else if (frame.type === 'status') {
        setStatus(frame.conversation);
      } else if (frame.type === 'typing') {
        $('typing').textContent = frame.typing ? 'Konsultant pisze…' : '';
      } else if (frame.type === 'read') {
        for (const [seq, li] of shown) if (seq <= frame.seq && li.classList.contains('resident')) li.dataset.read = 'true';
      } else if (frame.type === 'error') {
        const texts = {
          too_long: 'Wiadomość jest za długa: najwyżej ' + MAX + ' znaków.',
          empty: 'Wiadomość jest pusta.',
          closed: 'Rozmowa jest już zakończona.',
          attachment_unknown: 'Nie znaleziono załącznika.',
        };
        showError(texts[frame.code] || 'Nie udało się wysłać wiadomości.');
        const pending = frame.client_id && document.querySelector('[data-client-id="' + CSS.escape(frame.client_id) + '"]');
        if (pending) pending.remove();
      }
    };
  }

  document.addEventListener('visibilitychange', seen);

  $('start').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/chat/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: $('name').value, queue: queue.value }) });
    if (!response.ok) return showError('Nie udało się rozpocząć czatu. Spróbuj ponownie.');
    const body = await response.json();
    conversation = { id: body.conversation_id, key: body.key };
    document.body.dataset.conversation = conversation.id;
    $('start').hidden = true;
    $('chat').hidden = false;
    connect();
    $('text').focus();
  });

  async function upload(file) {
    const types = ['image/png', 'image/jpeg', 'application/pdf'];
    if (!types.includes(file.type)) throw new Error('Ten rodzaj pliku nie jest dozwolony: tylko PNG, JPEG i PDF.');
    if (file.size > 512 * 1024) throw new Error('Plik jest za duży: najwyżej 512 KB.');
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const response = await fetch('/chat/attachments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_id: conversation.id, key: conversation.key, name: file.name, type: file.type, data_base64: btoa(binary) }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error && body.error.message_pl ? body.error.message_pl : 'Nie udało się wysłać załącznika.');
    return body.id;
  }

  $('send').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    const text = $('text').value;
    const file = $('file').files[0];
    if (text.length > MAX) return showError('Wiadomość jest za długa: najwyżej ' + MAX + ' znaków (jest ' + text.length + ').');
    if (text.trim() === '' && !file) return;
    let attachmentId;
    if (file) {
      try { attachmentId = await upload(file); } catch (error) { return showError(error.message); }
      $('file').value = '';
    }
    const clientId = crypto.randomUUID();
    const li = document.createElement('li');
    li.className = 'resident pending';
    li.dataset.clientId = clientId;
    li.textContent = 'Ty: ' + text;
    $('messages').append(li);
    send({ type: 'message', client_id: clientId, text, ...(attachmentId ? { attachment_id: attachmentId } : {}) });
    $('text').value = '';
    clearTimeout(typingTimer);
    typingTimer = null;
    send({ type: 'typing', typing: false });
  });
  $('text').addEventListener('input', () => {
    if (!typingTimer) send({ type: 'typing', typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingTimer = null; send({ type: 'typing', typing: false }); }, 3000);
  });
  $('text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); $('send').requestSubmit(); }
  });

  for (const button of document.querySelectorAll('[data-rating]')) {
    button.addEventListener('click', () => send({ type: 'rate', rating: Number(button.dataset.rating) }));
  }
})();
`;
