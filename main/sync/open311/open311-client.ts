import type { z } from 'zod';
import { BackendFailure, retryAfter } from '../backend-client';
import type { BackendFailureKind } from '../backend-client';
import { formatServerDate } from './dates';
import {
  Open311CreateReply,
  Open311ErrorBody,
  Open311RequestRecord,
  Open311ServiceDefinition,
  Open311ServiceList,
  Open311TokenReply,
  Open311UpdateRecord,
  parseList,
} from './schemas';
import type { Open311Service } from './schemas';

export interface Open311ClientOptions {
  /** The GeoReport v2 root, e.g. https://city.example/open311/v2/ */
  baseUrl: string;
  apiKey?: string;
  jurisdictionId?: string;
  timeoutMs?: number;
}

/** A refusal with the server's own reason, from the spec's `[{code, description}]` body when given. */
export class Open311Failure extends BackendFailure {
  constructor(
    kind: BackendFailureKind,
    message: string,
    status: number | null,
    retryAfterMs: number | null,
    /** The server's reason as a person should read it ("400 description is required"). */
    readonly reason: string | null = null,
  ) {
    super(kind, message, status, retryAfterMs);
  }
}

function classify(status: number): BackendFailureKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'refused';
}

function errorReason(text: string): string | null {
  try {
    const parsed = Open311ErrorBody.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    return parsed.data.map((e) => [e.code, e.description].filter(Boolean).join(' ')).filter(Boolean).join('; ') || null;
  } catch {
    return null;
  }
}

export interface CreateResult {
  serviceRequestId: string | null;
  token: string | null;
  /** 200 with a repeated key: the server says it had this request already. */
  replayed: boolean;
}

/**
 * A GeoReport v2 client for JSON servers. Every reply is read with the tolerant schemas; failures
 * are classified as the sync loop acts on them (as BackendClient's). The server's clock is measured
 * from each reply's Date header: the desk's clock is never used for Open311 time windows.
 */
export class Open311Client {
  /** Server clock minus desk clock, from the last Date header; null until one was seen. */
  clockSkewMs: number | null = null;
  private readonly base: string;

  constructor(private readonly options: Open311ClientOptions) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  }

  /** The server's "now" as best known, or null before the first reply. */
  serverNow(): number | null {
    return this.clockSkewMs === null ? null : Date.now() + this.clockSkewMs;
  }

  async services(): Promise<Open311Service[]> {
    const json = await this.get('services.json', {});
    const parsed = Open311ServiceList.safeParse(json);
    if (!parsed.success) throw this.unreadable('services.json', parsed.error);
    return parsed.data;
  }

  async serviceDefinition(code: string): Promise<Open311ServiceDefinition> {
    const path = `services/${encodeURIComponent(code)}.json`;
    const parsed = Open311ServiceDefinition.safeParse(await this.get(path, {}));
    if (!parsed.success) throw this.unreadable(path, parsed.error);
    return parsed.data;
  }

  /** GET requests.json; the spec lets a list of ids override every other filter. */
  async requests(filter: { ids?: readonly string[]; serviceCode?: string; startMs?: number; endMs?: number }): Promise<Open311RequestRecord[]> {
    const query: Record<string, string> = {};
    if (filter.ids) query.service_request_id = filter.ids.join(',');
    if (filter.serviceCode) query.service_code = filter.serviceCode;
    if (filter.startMs !== undefined) query.start_date = formatServerDate(filter.startMs);
    if (filter.endMs !== undefined) query.end_date = formatServerDate(filter.endMs);
    return this.list('requests.json', query, Open311RequestRecord);
  }

  /** GET servicerequestupdates.json (the extension). A 404 means the server does not have it. */
  async updates(startMs: number, endMs: number | null): Promise<Open311UpdateRecord[]> {
    const query: Record<string, string> = { start_date: formatServerDate(startMs) };
    if (endMs !== null) query.end_date = formatServerDate(endMs);
    return this.list('servicerequestupdates.json', query, Open311UpdateRecord);
  }

  async token(token: string): Promise<string | null> {
    const parsed = Open311TokenReply.safeParse(await this.get(`tokens/${encodeURIComponent(token)}.json`, {}));
    return parsed.success ? (parsed.data.find((t) => t.service_request_id)?.service_request_id ?? null) : null;
  }

  /** POST requests.json, form-encoded as the spec asks; `idempotencyKey` goes in the Idempotency-Key header. */
  async create(fields: readonly [string, string][], idempotencyKey: string): Promise<CreateResult> {
    const body = new URLSearchParams(fields as [string, string][]);
    if (this.options.apiKey) body.set('api_key', this.options.apiKey);
    if (this.options.jurisdictionId) body.set('jurisdiction_id', this.options.jurisdictionId);
    const response = await this.fetch('POST', 'requests.json', {}, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': idempotencyKey } });
    const json = await this.json(response, 'requests.json');
    const parsed = Open311CreateReply.safeParse(json);
    if (!parsed.success) throw this.unreadable('requests.json', parsed.error);
    const first = parsed.data[0]!;
    return { serviceRequestId: first.service_request_id ?? null, token: first.token ?? null, replayed: response.status === 200 && response.headers.get('idempotent-replayed') === 'true' };
  }

  private async list<T extends z.ZodType>(path: string, query: Record<string, string>, schema: T): Promise<z.infer<T>[]> {
    const json = await this.get(path, query);
    const parsed = parseList(schema, json);
    if (!parsed) throw new Open311Failure('retryable', `GET ${path}: reply is not a JSON array`, 200, null);
    return parsed.items;
  }

  private async get(path: string, query: Record<string, string>): Promise<unknown> {
    return this.json(await this.fetch('GET', path, query, {}), path);
  }

  private async fetch(method: 'GET' | 'POST', path: string, query: Record<string, string>, init: { body?: URLSearchParams; headers?: Record<string, string> }): Promise<Response> {
    const url = new URL(path, this.base);
    if (this.options.jurisdictionId && method === 'GET') url.searchParams.set('jurisdiction_id', this.options.jurisdictionId);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...init.headers },
        body: init.body ?? null,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        redirect: 'follow', // real servers move http → https and add trailing slashes
      });
    } catch (error) {
      throw new Open311Failure('network', `${method} ${url.pathname}: ${String((error as Error).cause ?? (error as Error).message)}`, null, null);
    }
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isNaN(serverDate)) this.clockSkewMs = serverDate - Date.now();
    if (response.status !== 200 && response.status !== 201) {
      const text = await response.text().catch(() => '');
      const reason = errorReason(text);
      throw new Open311Failure(classify(response.status), `${method} ${url.pathname}: HTTP ${response.status} ${(reason ?? text).slice(0, 300)}`, response.status, retryAfter(response.headers.get('retry-after'), Date.now()), reason);
    }
    return response;
  }

  private async json(response: Response, path: string): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      // An HTML error page or XML from a server that ignores ".json": not something a retry fixes soon, but not the row's fault either.
      throw new Open311Failure('retryable', `${path}: reply is not JSON: ${(error as Error).message}`, response.status, null);
    }
  }

  private unreadable(path: string, error: z.ZodError): Open311Failure {
    return new Open311Failure('retryable', `${path}: reply does not look like GeoReport v2: ${error.message.slice(0, 300)}`, 200, null);
  }
}
