import type { z } from 'zod';
import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureContext } from '../core/feature-context';
import { SessionStore } from '../sync/session-store';

/** Where the city backend is and the consultant's token for it. */
export interface BackendTarget {
  url: string;
  token: string;
}

/** The signed-in city backend, or the typed reason it cannot be asked now (said to the consultant). */
export function backendTarget(ctx: FeatureContext, now = Date.now()): BackendTarget {
  const backend = ctx.settings.read().backend;
  if (backend.url === '' || backend.kind === 'open311') throw new BridgeFailure({ code: 'backend_not_configured', message: 'no city backend configured' });
  const session = new SessionStore(ctx.db).get(backend.url);
  if (!session || Date.parse(session.expiresAt) <= now) throw new BridgeFailure({ code: 'signed_out', message: 'not signed in to the backend' });
  return { url: backend.url, token: session.token };
}

export interface BackendReply<T> {
  status: number;
  body: T | null;
}

/**
 * One request to the backend on the consultant's behalf. Network failures and 5xx become
 * backend_unreachable, 401 signed_out; other statuses are returned for the caller to read
 * (`body` parsed with `schema` only for 2xx).
 */
export async function backendRequest<S extends z.ZodType>(
  target: BackendTarget,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
  timeoutMs = 8_000,
): Promise<BackendReply<z.infer<S>>> {
  const url = new URL(path, target.url.endsWith('/') ? target.url : `${target.url}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : null,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new BridgeFailure({ code: 'backend_unreachable', message: String((error as Error).message) });
  }
  if (response.status === 401) throw new BridgeFailure({ code: 'signed_out', message: 'the backend session expired' });
  if (response.status >= 500) throw new BridgeFailure({ code: 'backend_unreachable', message: `HTTP ${response.status}` });
  if (!response.ok) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new BridgeFailure({ code: 'internal', message: `unexpected reply from ${path}` });
  return { status: response.status, body: parsed.data };
}
