import type { Database } from 'better-sqlite3';
import type { SecretKind, SecretScheme, StoredSecret } from '../../preload/contract';

/** The softphone's secrets, one row per kind; never part of settings. */
export class SoftphoneSecretStore {
  private readonly upsert;
  private readonly remove;
  private readonly select;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO softphone_secrets (kind, scheme, secret, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind) DO UPDATE SET scheme = excluded.scheme, secret = excluded.secret, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM softphone_secrets WHERE kind = ?');
    this.select = db.prepare('SELECT scheme, secret FROM softphone_secrets WHERE kind = ?');
  }

  /** An empty secret forgets the stored one. */
  set(kind: SecretKind, secret: string, scheme: SecretScheme, nowMs: number): void {
    if (secret === '') this.remove.run(kind);
    else this.upsert.run(kind, scheme, secret, nowMs);
  }

  get(kind: SecretKind): StoredSecret | null {
    return (this.select.get(kind) as StoredSecret | undefined) ?? null;
  }

  state(): { sipPasswordSet: boolean; turnCredentialSet: boolean } {
    return { sipPasswordSet: this.get('sip_password') !== null, turnCredentialSet: this.get('turn_credential') !== null };
  }
}
