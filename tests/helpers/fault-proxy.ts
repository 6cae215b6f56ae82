import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * pass: forward both ways. refuse: close every new connection at once. delay: hold each chunk
 * `delayMs`. cut-reply: forward the request, then cut the connection as the reply starts, after
 * the server committed: the classic case that makes naive clients send twice.
 */
export type FaultMode = { mode: 'pass' } | { mode: 'refuse' } | { mode: 'delay'; delayMs: number } | { mode: 'cut-reply'; times: number };

/** A TCP proxy on loopback between the desk and the backend that injects faults on demand. */
export class FaultProxy {
  fault: FaultMode = { mode: 'pass' };
  cuts = 0;
  /** Called with the first line of each request the desk sends (e.g. "POST /sync/push HTTP/1.1"), before it is forwarded. */
  onRequest: ((requestLine: string) => void) | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Ends every open connection (as a network blip would). */
  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((done) => this.server?.close(() => done()) ?? done());
  }

  private handle(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    if (this.fault.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    const delay = (): number => (this.fault.mode === 'delay' ? this.fault.delayMs : 0);
    client.on('data', (chunk: Buffer) => {
      const head = chunk.subarray(0, 200).toString('latin1');
      const line = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+ HTTP\/1\.[01]/.exec(head);
      if (line && this.onRequest) this.onRequest(line[0]);
      setTimeout(() => upstream.write(chunk), delay());
    });
    upstream.on('data', (chunk) => {
      if (this.fault.mode === 'cut-reply' && this.fault.times > 0) {
        this.fault.times -= 1;
        this.cuts += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      setTimeout(() => client.write(chunk), delay());
    });
  }
}
