import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { toFieldErrors, type Role, type SessionUser } from '../contract';
import { ApiError } from './errors';

/**
 * Who may call a route: `public` (health, sign-in, Open311 reads; Open311 POST checks its api_key
 * itself), `signed_in` (any role), or the roles allowed. Every route must say; there is no default.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

export interface Handled<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in user; null only on public routes. */
  user: SessionUser | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  tag: string;
  body?: B;
  /** For the OpenAPI document only, when the handler picks the body schema itself. */
  documentedBody?: z.ZodType;
  query?: Q;
  params?: P;
  /** Response schemas by status, for the OpenAPI document; `xml` marks an XML response. */
  responses?: Record<number, z.ZodType | 'xml' | 'empty'>;
  bodyLimit?: number;
  handler(input: Handled<z.output<B>, z.output<Q>, z.output<P>>): Promise<unknown>;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Checks one part of the request with its schema: 400 with field errors prefixed by `part`. */
export function parsePart<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = toFieldErrors(result.error).map((f) => ({ ...f, path: [part, f.path].filter(Boolean).join('.') }));
  throw new ApiError(400, 'invalid_request', `Invalid ${part}`, fieldErrors);
}

export interface RouteContext {
  /** Resolves a bearer token to its user, or null. */
  authenticate(token: string): Promise<SessionUser | null>;
  /** Every route registered, for the OpenAPI document. */
  registry: AnyRouteSpec[];
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Registers a route: access is checked before the body is read, then body, query and params parsed. */
export function addRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  context: RouteContext,
  spec: RouteSpec<B, Q, P>,
): void {
  context.registry.push(spec as unknown as AnyRouteSpec);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    onRequest: async (request) => {
      request.user = null;
      if (spec.access === 'public') return;
      const token = bearer(request);
      const user = token ? await context.authenticate(token) : null;
      if (!user) throw new ApiError(401, 'unauthorized', 'Sign in first', undefined, { 'www-authenticate': 'Bearer' });
      if (spec.access !== 'signed_in' && !user.roles.some((role) => (spec.access as readonly Role[]).includes(role))) {
        throw new ApiError(403, 'forbidden', 'Your role may not do this');
      }
      request.user = user;
    },
    handler: async (request, reply) => {
      const body = spec.body ? parsePart(spec.body, request.body, 'body') : request.body;
      const query = spec.query ? parsePart(spec.query, request.query, 'query') : request.query;
      const params = spec.params ? parsePart(spec.params, request.params, 'params') : request.params;
      return spec.handler({ body, query, params, user: request.user, request, reply } as Handled<z.output<B>, z.output<Q>, z.output<P>>);
    },
  });
}
