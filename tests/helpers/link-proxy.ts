// A TCP proxy on loopback between the desk's softphone and Kamailio's WebSocket port: the
// consultant's own network link, which a test can cut (connections die, new ones are refused) or
// stall (open connections silently stop carrying anything, as after sleep behind a NAT).
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

interface Link {
  client: Socket;
  upstream: Socket;
  stalled: boolean;
}

export class LinkProxy {
  /** Connections accepted so far (each reconnect of the softphone adds one). */
  connections = 0;
  private server: Server | undefined;
  private refusing = false;
  private readonly links = new Set<Link>();

  constructor(private readonly targetPort: number) {}

  /** Starts on a free port; resolves with the ws:// address the desk should use. */
  async start(): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The link is down: every open connection dies, new ones are refused until restore(). */
  cut(): void {
    this.refusing = true;
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
  }

  restore(): void {
    this.refusing = false;
  }

  /** Open connections stay open but carry nothing more either way; new connections work. */
  stallOpenConnections(): void {
    for (const link of this.links) link.stalled = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.refusing) {
      client.destroy();
      return;
    }
    this.connections += 1;
    const upstream = connect(this.targetPort, '127.0.0.1');
    upstream.on('error', () => undefined);
    const link: Link = { client, upstream, stalled: false };
    this.links.add(link);
    const close = (): void => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('data', (chunk: Buffer) => {
      if (!link.stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!link.stalled) client.write(chunk);
    });
  }
}
