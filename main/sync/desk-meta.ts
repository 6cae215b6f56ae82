import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../store/ids';

/** Small named values of this desk: its client id (made once) and the pull cursor. */
export class DeskMeta {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Database) {
    this.select = db.prepare('SELECT value FROM desk_meta WHERE key = ?').pluck();
    this.upsert = db.prepare('INSERT INTO desk_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.remove = db.prepare('DELETE FROM desk_meta WHERE key = ?');
  }

  get(key: string): string | undefined {
    return this.select.get(key) as string | undefined;
  }

  set(key: string, value: string): void {
    this.upsert.run(key, value);
  }

  delete(key: string): void {
    this.remove.run(key);
  }

  /** The id the backend knows this desk by; it names the desk's sequence of mutations. */
  clientId(): string {
    let id = this.get('client_id');
    if (!id) {
      id = uuidv7();
      this.set('client_id', id);
    }
    return id;
  }
}
