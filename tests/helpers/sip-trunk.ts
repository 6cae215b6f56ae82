// A carrier trunk in a test: plain SIP over UDP from loopback (which the project's Kamailio trusts,
// as it would a PSTN gateway) placing a call with any caller ID — a withheld number, 0048…,
// a national number — to a registered desk. It rings and is cancelled; no media is set up.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface TrunkCall {
  /** Resolves with the first final or provisional status seen at or above `status` (e.g. 180). */
  waitFor(status: number, timeoutMs?: number): Promise<number>;
  /** CANCELs the ringing call and ACKs the 487 (so Kamailio stops retransmitting). */
  cancel(): Promise<void>;
  close(): void;
}

const token = (): string => randomBytes(8).toString('hex');

/**
 * Places a call from `from` (a full From header value, e.g. `"Anonymous" <sip:anonymous@anonymous.invalid>`)
 * to `user` at the PBX on 127.0.0.1:`sipPort`.
 */
export async function trunkCall(sipPort: number, user: string, from: string): Promise<TrunkCall> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const port = (socket.address() as AddressInfo).port;
  const branch = `z9hG4bK${token()}`;
  const callId = `${token()}@127.0.0.1`;
  const fromTag = token();
  const ruri = `sip:${user}@127.0.0.1:${sipPort}`;
  const statuses: number[] = [];
  const waiters = new Set<() => void>();
  let finalToHeader: string | null = null;

  socket.on('message', (message) => {
    const text = message.toString('utf8');
    const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
    if (!status) return;
    const code = Number(status);
    if (/^CSeq:\s*1 INVITE/im.test(text)) {
      statuses.push(code);
      if (code >= 300) {
        finalToHeader = /^To:\s*(.*)$/im.exec(text)?.[1]?.trim() ?? null;
        send(request('ACK', 'ACK', finalToHeader ?? `<${ruri}>`, ''));
      }
    }
    for (const wake of waiters) wake();
  });

  const request = (method: string, cseqMethod: string, to: string, body: string): string =>
    [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: ${from};tag=${fromTag}`,
      `To: ${to}`,
      `Call-ID: ${callId}`,
      `CSeq: 1 ${cseqMethod}`,
      `Contact: <sip:trunk@127.0.0.1:${port}>`,
      'User-Agent: test-trunk',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
  const send = (text: string): void => socket.send(text, sipPort, '127.0.0.1');

  send(request('INVITE', 'INVITE', `<sip:${user}@127.0.0.1>`, ''));

  const waitFor = (status: number, timeoutMs = 15_000): Promise<number> =>
    new Promise((done, fail) => {
      const check = (): boolean => {
        const seen = statuses.find((code) => code >= status);
        if (seen === undefined) return false;
        waiters.delete(check);
        clearTimeout(timer);
        done(seen);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        fail(new Error(`no SIP ${status} within ${timeoutMs} ms (seen: ${statuses.join(', ') || 'nothing'})`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  return {
    waitFor,
    cancel: async () => {
      send(request('CANCEL', 'CANCEL', `<sip:${user}@127.0.0.1>`, ''));
      await waitFor(300);
    },
    close: () => socket.close(),
  };
}
