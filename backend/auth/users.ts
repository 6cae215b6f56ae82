import type { Queryable } from '../db/adapter';
import { uuidv7 } from '../common/ids';
import { Role, type SessionUser } from '../contract';
import { hashPassword } from './passwords';

export interface StoredUser extends SessionUser {
  passwordHash: string;
}

interface UserRow {
  [key: string]: unknown;
  id: string;
  username: string;
  name: string;
  password_hash: string;
  roles: string;
  team: string | null;
}

function toUser(row: UserRow): StoredUser {
  const roles = Role.array().safeParse(JSON.parse(row.roles));
  return { id: row.id, username: row.username, name: row.name, roles: roles.success ? roles.data : [], team: row.team, passwordHash: row.password_hash };
}

/** User names are matched case-insensitively: stored lower-case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function findActiveUser(db: Queryable, username: string): Promise<StoredUser | null> {
  const [row] = await db.query<UserRow>('SELECT id, username, name, password_hash, roles, team FROM users WHERE username = ? AND disabled = 0', [normalizeUsername(username)]);
  return row ? toUser(row) : null;
}

/** `passwordHash` instead of `password` stores a hash made earlier (the demo seed reuses its hashes). */
export async function createUser(
  db: Queryable,
  user: { username: string; name: string; roles: Role[] } & ({ password: string } | { passwordHash: string }),
): Promise<SessionUser> {
  const id = uuidv7();
  const username = normalizeUsername(user.username);
  await db.run('INSERT INTO users (id, username, name, password_hash, roles, disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)', [
    id,
    username,
    user.name,
    'passwordHash' in user ? user.passwordHash : await hashPassword(user.password),
    JSON.stringify(user.roles),
    Date.now(),
  ]);
  return { id, username, name: user.name, roles: user.roles };
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
  return Number(row?.n ?? 0);
}
