import type { z } from 'zod';
import { LoginResponse, PullResponse, PushResponse } from '../../backend/contract';
import type { Mutation } from '../../backend/contract';

/** Why a call to the backend did not succeed, in the terms the sync loop acts on. */
export type BackendFailureKind =
  | 'network' // no answer: refused, reset, timed out
  | 'retryable' // 5xx, 408, 429: try again later
  | 'unauthorized' // 401: the session is gone; sign in again
  | 'too_large' // 413: send less at a time
  | 'refused'; // any other 4xx: this request will never succeed as it is

export class BackendFailure extends Error {
  constructor(
    readonly kind: BackendFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

function classify(status: number): BackendFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'refused';
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfter(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The city backend's HTTP API as the desk uses it; every reply is checked with the backend's contract. */
export class BackendClient {
  /** The server's clock minus ours, from the last reply's Date header: desk clocks are not trusted. */
  clockSkewMs = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  login(username: string, password: string): Promise<LoginResponse> {
    return this.call('POST', 'auth/login', LoginResponse, { body: { username, password } });
  }

  /** 200 and 422 both carry per-item results (422: some item reused an id with other content). */
  push(token: string, mutations: readonly Mutation[]): Promise<PushResponse> {
    return this.call('POST', 'sync/push', PushResponse, { body: { mutations }, token, accept: [200, 422] });
  }

  pull(token: string, since: string | undefined, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ limit: String(limit), ...(since ? { since } : {}) });
    return this.call('GET', `sync/pull?${query}`, PullResponse, { token });
  }

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    options: { body?: unknown; token?: string; accept?: number[] },
  ): Promise<z.infer<T>> {
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : null,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new BackendFailure('network', `${method} ${url.pathname}: ${(error as Error).cause ?? (error as Error).message}`);
    }
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isNaN(serverDate)) this.clockSkewMs = serverDate - Date.now();
    const accepted = options.accept ?? [200];
    if (!accepted.includes(response.status)) {
      const text = await response.text().catch(() => '');
      throw new BackendFailure(classify(response.status), `${method} ${url.pathname}: HTTP ${response.status} ${text.slice(0, 300)}`, response.status, retryAfter(response.headers.get('retry-after'), Date.now()));
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new BackendFailure('retryable', `${method} ${url.pathname}: unreadable reply: ${(error as Error).message}`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new BackendFailure('retryable', `${method} ${url.pathname}: reply does not match the contract: ${parsed.error.message.slice(0, 300)}`, response.status);
    return parsed.data;
  }
}
