import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter';
import { Role, type SessionUser } from '../contract';

/** Only the SHA-256 of a token is stored: a copy of the database signs nobody in. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: string, ttlMs: number, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  await db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [tokenHash(token), userId, now, expiresAt]);
  // Housekeeping in passing: sessions long expired go.
  await db.run('DELETE FROM sessions WHERE expires_at < ?', [now - 24 * 3600_000]);
  return { token, expiresAt };
}

/** The user a bearer token belongs to, if the token is known, unexpired and the user enabled. */
export async function userForToken(db: Queryable, token: string, now = Date.now()): Promise<SessionUser | null> {
  if (token.length < 20 || token.length > 200) return null;
  const [row] = await db.query<{ id: string; username: string; name: string; roles: string; team: string | null }>(
    `SELECT u.id, u.username, u.name, u.roles, u.team FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
    [tokenHash(token), now],
  );
  if (!row) return null;
  const roles = Role.array().safeParse(JSON.parse(row.roles));
  return { id: row.id, username: row.username, name: row.name, roles: roles.success ? roles.data : [], team: row.team };
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash(token)]);
}
