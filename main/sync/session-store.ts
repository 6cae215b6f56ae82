import type { Database } from 'better-sqlite3';
import { DeskUser } from '../../preload/contract';
import type { AuthStatus } from '../../preload/contract';

export interface StoredSession {
  backendUrl: string;
  token: string;
  user: DeskUser;
  expiresAt: string;
}

/**
 * The cached sign-in: kept in the desk's database so work goes on offline and is queued under the
 * consultant's identity until the session expires. A session belongs to one backend address.
 */
export class SessionStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Database) {
    this.select = db.prepare('SELECT backend_url AS backendUrl, token, user, expires_at AS expiresAt FROM session WHERE id = 1');
    this.upsert = db.prepare(
      `INSERT INTO session (id, backend_url, token, user, expires_at, signed_in_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET backend_url = excluded.backend_url, token = excluded.token, user = excluded.user,
         expires_at = excluded.expires_at, signed_in_at = excluded.signed_in_at`,
    );
    this.remove = db.prepare('DELETE FROM session');
  }

  /** The session for `backendUrl`, if one is stored for that address. */
  get(backendUrl: string): StoredSession | undefined {
    const row = this.select.get() as (Omit<StoredSession, 'user'> & { user: string }) | undefined;
    if (!row || row.backendUrl !== backendUrl) return undefined;
    const user = DeskUser.safeParse(JSON.parse(row.user));
    return user.success ? { ...row, user: user.data } : undefined;
  }

  save(session: StoredSession, nowMs: number): void {
    this.upsert.run(session.backendUrl, session.token, JSON.stringify(session.user), session.expiresAt, nowMs);
  }

  clear(): void {
    this.remove.run();
  }

  status(backendUrl: string, nowMs: number): AuthStatus {
    const session = this.get(backendUrl);
    if (!session) return { state: 'signed_out', user: null, expiresAt: null };
    const expired = Date.parse(session.expiresAt) <= nowMs;
    return { state: expired ? 'expired' : 'signed_in', user: session.user, expiresAt: session.expiresAt };
  }
}
