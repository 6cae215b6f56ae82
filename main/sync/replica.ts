import type { Database } from 'better-sqlite3';
import { PublishedSchemas } from '../../backend/contract';
import type { Change } from '../../backend/contract';
import type { KbArticle } from '../../preload/contract';
import type { Logger } from '../core/log';
import type { KbIndex } from '../kb/kb-index';
import { CALLER_ENTITIES, applyCallerChange } from '../callers/caller-replica';

/**
 * Applies pulled changes to the desk's replica of server data: knowledge-base articles into the
 * search index, everything else (services, units, directory, ticket statuses) as records. All of
 * it can be wiped and pulled again.
 */
export class Replica {
  private readonly upsert;
  private readonly remove;

  constructor(
    private readonly db: Database,
    private readonly kb: KbIndex,
    private readonly log: Logger,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO replica_records (entity, id, data, pulled_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, pulled_at = excluded.pulled_at`,
    );
    this.remove = db.prepare('DELETE FROM replica_records WHERE entity = ? AND id = ?');
  }

  /** One page in one transaction, with the cursor that follows it (so a crash never skips a page). */
  applyPage(changes: readonly Change[], saveCursor: () => void, nowMs: number): number {
    let applied = 0;
    this.db.transaction(() => {
      const articles: KbArticle[] = [];
      for (const change of changes) {
        if (change.entity === 'kb_article') {
          if (change.op === 'delete') this.kb.remove(change.id);
          else {
            const article = this.toArticle(change);
            if (article) articles.push(article);
          }
        } else if (CALLER_ENTITIES.has(change.entity)) {
          // Contacts, calls and callbacks land in the caller card's own tables.
          if (!applyCallerChange(this.db, change, nowMs)) {
            this.log.warn('pulled record does not match its schema; skipped', { entity: change.entity, id: change.id });
            continue;
          }
        } else if (change.op === 'delete') {
          this.remove.run(change.entity, change.id);
        } else {
          const parsed = PublishedSchemas[change.entity].safeParse(change.data);
          if (!parsed.success) {
            this.log.warn('pulled record does not match its schema; skipped', { entity: change.entity, id: change.id });
            continue;
          }
          this.upsert.run(change.entity, change.id, JSON.stringify(parsed.data), nowMs);
        }
        applied += 1;
      }
      this.kb.upsert(articles);
      saveCursor();
    })();
    return applied;
  }

  /** The backend sent `reset`: its data is another database's; forget ours before applying. */
  wipe(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM replica_records');
      this.kb.clear();
    })();
  }

  private toArticle(change: Change): KbArticle | undefined {
    const parsed = PublishedSchemas.kb_article.safeParse(change.data);
    if (!parsed.success) {
      this.log.warn('pulled article does not match its schema; skipped', { id: change.id });
      return undefined;
    }
    const a = parsed.data;
    return {
      id: a.id,
      title: a.title,
      summary: a.summary,
      body: a.body,
      documents: a.documents,
      fees: a.fees,
      deadlines: a.deadlines,
      where_when: a.where_when,
      links: a.links,
      keywords: a.keywords,
      unit: a.unit,
      category: a.category,
      lang: a.lang,
      updated_at: a.updated_at ?? new Date(0).toISOString(),
      valid_from: a.valid_from,
      expires_at: a.expires_at,
    };
  }
}
