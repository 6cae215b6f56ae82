import WebSocket from 'ws';

/** A test's end of a chat WebSocket: every frame kept, and waits on the frame a test expects (no sleeps). */
export class LiveSocket {
  readonly frames: Record<string, unknown>[] = [];
  private waiters: { match: (frame: Record<string, unknown>) => boolean; resolve: (frame: Record<string, unknown>) => void }[] = [];
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Record<string, unknown>;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
    });
    socket.on('close', (code) => (this.closeCode = code));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<LiveSocket> {
    const socket = new WebSocket(url, { headers });
    const live = new LiveSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(live));
      socket.once('error', reject);
    });
  }

  /** The first frame (already received or coming) that matches; fails after `timeoutMs`. */
  next<T = Record<string, unknown>>(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<T> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)), timeoutMs);
      this.waiters.push({ match, resolve: (frame) => (clearTimeout(timer), resolve(frame as T)) });
    });
  }

  /** Waits for the next frame of a type that arrives after now (ignores those already kept). */
  fresh<T = Record<string, unknown>>(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<T> {
    const from = this.frames.length;
    return this.next<T>((frame) => this.frames.indexOf(frame) >= from && match(frame), timeoutMs);
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.close();
  }
}

export const ofType = (type: string) => (frame: Record<string, unknown>) => frame.type === type;
