import type { FastifyInstance } from 'fastify';
import { CreateUserRequest, LoginRequest, LoginResponse, SessionUser } from '../contract';
import { isoWithOffset } from '../common/time';
import type { Db } from '../db/adapter';
import { isUniqueViolation } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import { hashPassword, verifyPassword } from './passwords';
import type { FailureLimiter } from './rate-limit';
import { createSession, endSession } from './sessions';
import { createUser, findActiveUser, normalizeUsername } from './users';

export interface AuthOptions {
  sessionTtlMs: number;
  limiter: FailureLimiter;
}

const WRONG = 'Wrong user name or password';

export function authRoutes(app: FastifyInstance, context: RouteContext, db: Db, options: AuthOptions): void {
  // An unknown user name still costs one scrypt check, so timing does not tell who exists.
  const dummyHash = hashPassword('not a password of anyone');

  addRoute(app, context, {
    method: 'POST',
    url: '/auth/login',
    access: 'public',
    tag: 'auth',
    summary: 'Sign in with user name and password; returns a bearer token with its expiry. 401 for any wrong pair, 429 after repeated failures.',
    body: LoginRequest,
    responses: { 200: LoginResponse },
    handler: async ({ body, request }) => {
      const key = `${normalizeUsername(body.username)}|${request.ip}`;
      const wait = options.limiter.retryAfter(key);
      if (wait > 0) throw new ApiError(429, 'rate_limited', 'Too many failed sign-ins; try again later', undefined, { 'retry-after': String(wait) });
      const user = await findActiveUser(db, body.username);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash));
      if (!user || !ok) {
        options.limiter.fail(key);
        throw new ApiError(401, 'unauthorized', WRONG);
      }
      options.limiter.succeed(key);
      const session = await createSession(db, user.id, options.sessionTtlMs);
      const response: LoginResponse = {
        token: session.token,
        token_type: 'Bearer',
        expires_at: isoWithOffset(session.expiresAt),
        user: { id: user.id, username: user.username, name: user.name, roles: user.roles, team: user.team ?? null },
      };
      return response;
    },
  });

  addRoute(app, context, {
    method: 'GET',
    url: '/auth/me',
    access: 'signed_in',
    tag: 'auth',
    summary: 'The signed-in user (checks that a cached token is still good).',
    responses: { 200: SessionUser },
    handler: async ({ user }) => user,
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/auth/logout',
    access: 'signed_in',
    tag: 'auth',
    summary: 'Ends the session of the token used.',
    responses: { 204: 'empty' },
    handler: async ({ request, reply }) => {
      await endSession(db, request.headers.authorization!.replace(/^Bearer\s+/i, ''));
      return reply.status(204).send();
    },
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/admin/users',
    access: ['admin'],
    tag: 'admin',
    summary: 'Create a user.',
    body: CreateUserRequest,
    responses: { 201: SessionUser },
    handler: async ({ body, reply }) => {
      try {
        return reply.status(201).send(await createUser(db, body));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiError(409, 'conflict', 'This user name is taken');
        throw error;
      }
    },
  });
}
