import Fastify, { type FastifyInstance } from 'fastify';
import { HealthResponse } from '../contract';
import type { Db } from '../db/adapter';
import { migrate } from '../db/migrate';
import { authRoutes } from '../auth/routes';
import { FailureLimiter } from '../auth/rate-limit';
import { userForToken } from '../auth/sessions';
import { catalogRoutes } from '../catalog/routes';
import { kbUsageRoutes } from '../kb/usage';
import { chatRoutes, type ChatRouteOptions } from '../chats/routes';
import { open311Routes } from '../open311/routes';
import { syncRoutes } from '../sync/routes';
import { ticketAttachmentRoutes } from '../tickets/attachments';
import { visitRoutes } from '../visits/routes';
import { seedDemo } from '../seed/demo';
import { ApiError, sendError } from './errors';
import { openApiDocument } from './openapi';
import { addRoute, type AnyRouteSpec, type RouteContext } from './route';

export const BACKEND_VERSION = '0.1.0';

export interface ServerOptions {
  db: Db;
  /** Seed demo users and catalogue into an empty database. */
  demo?: boolean;
  /** Open311 POST key; null refuses every POST. */
  open311ApiKey?: string | null;
  /** Largest request body in bytes (413 above). */
  bodyLimit?: number;
  sessionTtlMs?: number;
  loginFailures?: { max: number; windowMs: number };
  timeZone?: string;
  logger?: boolean;
  /** Chat routing and the SMS gateway; unset fields come from CHAT_* / SMS_WEBHOOK_SECRET in the environment. */
  chats?: ChatRouteOptions;
}

/** Parses `a=1&b=2` into an object (a repeated key keeps its values as an array), for Open311 POSTs. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

/** Migrates the database, seeds the demo if asked, and builds the HTTP app (not yet listening). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  await migrate(db);
  if (options.demo) await seedDemo(db);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    // Never echo ids or paths back in a default error; our handler formats every error.
    return503OnClosing: true,
  });
  app.decorateRequest('user', null);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new ApiError(404, 'not_found', 'No such endpoint')));

  const registry: AnyRouteSpec[] = [];
  const context: RouteContext = { registry, authenticate: (token) => userForToken(db, token) };

  addRoute(app, context, {
    method: 'GET',
    url: '/health',
    access: 'public',
    tag: 'system',
    summary: "The desk's reachability probe: 200 when the server and its database answer.",
    responses: { 200: HealthResponse },
    handler: async () => {
      await db.query('SELECT 1 AS ok');
      return { status: 'ok', version: BACKEND_VERSION, database: db.dialect } satisfies HealthResponse;
    },
  });
  addRoute(app, context, {
    method: 'GET',
    url: '/openapi.json',
    access: 'public',
    tag: 'system',
    summary: 'This document.',
    handler: async () => openApiDocument(registry, BACKEND_VERSION),
  });

  const limits = options.loginFailures ?? { max: 5, windowMs: 15 * 60_000 };
  authRoutes(app, context, db, { sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000, limiter: new FailureLimiter(limits.max, limits.windowMs) });
  chatRoutes(app, context, db, chatOptionsFromEnv(options));
  syncRoutes(app, context, db);
  catalogRoutes(app, context, db);
  kbUsageRoutes(app, context, db);
  visitRoutes(app, context, db);
  ticketAttachmentRoutes(app, context, db);
  open311Routes(app, context, db, { apiKey: options.open311ApiKey ?? null, timeZone: options.timeZone ?? 'Europe/Warsaw' });
  return app;
}

/** Chat settings: the options given, else the environment (the demo has known SMS, Messenger and e-mail secrets). */
function chatOptionsFromEnv(options: ServerOptions): ChatRouteOptions {
  const env = process.env;
  const number = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : undefined);
  return {
    smsSecret: env.SMS_WEBHOOK_SECRET || (options.demo ? 'demo-sms-secret' : null),
    messengerVerifyToken: env.MESSENGER_VERIFY_TOKEN || (options.demo ? 'demo-messenger-verify' : null),
    messengerAppSecret: env.MESSENGER_APP_SECRET || (options.demo ? 'demo-messenger-secret' : null),
    emailInboundSecret: env.EMAIL_INBOUND_SECRET || (options.demo ? 'demo-email-secret' : null),
    ...(number(env.CHAT_MAX_PER_AGENT) ? { maxChatsPerAgent: number(env.CHAT_MAX_PER_AGENT) } : {}),
    ...(number(env.CHAT_OFFER_TIMEOUT_MS) ? { offerTimeoutMs: number(env.CHAT_OFFER_TIMEOUT_MS) } : {}),
    ...(number(env.CHAT_DECLINE_COOLDOWN_MS) !== undefined ? { declineCooldownMs: number(env.CHAT_DECLINE_COOLDOWN_MS) } : {}),
    ...options.chats,
  };
}
