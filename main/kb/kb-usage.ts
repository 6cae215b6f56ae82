import type { Database, Statement } from 'better-sqlite3';
import { KbUsageCreatePayload } from '../../backend/contract';
import type { KbRecordUseParams, KbUseCounts } from '../../preload/contract';
import type { z } from 'zod';
import type { Outbox } from '../store/outbox';
import { uuidv7 } from '../store/ids';

type RecordUse = z.output<typeof KbRecordUseParams>;

/**
 * "This article answered the caller" and "this did not help": one local row, the article's
 * counters and an outbox entry, in one transaction (the backend gathers what every desk said).
 */
export class KbUsage {
  private readonly insert: Statement;
  private readonly bump: Statement;
  private readonly counts: Statement;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
  ) {
    this.insert = db.prepare(
      `INSERT INTO kb_usage (id, article_id, kind, call_id, chat_id, comment, user_id, used_at)
       VALUES (@id, @articleId, @kind, @callId, @chatId, @comment, @userId, @usedAt)`,
    );
    this.bump = db.prepare(
      `UPDATE kb_articles SET usage_count = usage_count + @answered, not_helpful_count = not_helpful_count + @notHelpful WHERE id = @articleId`,
    );
    this.counts = db.prepare('SELECT usage_count AS usageCount, not_helpful_count AS notHelpfulCount FROM kb_articles WHERE id = ?');
  }

  /** Undefined when the desk holds no such article. */
  record(use: RecordUse, userId: string | null, nowMs: number): KbUseCounts | undefined {
    return this.db.transaction(() => {
      const changed = this.bump.run({ articleId: use.articleId, answered: use.kind === 'answered' ? 1 : 0, notHelpful: use.kind === 'not_helpful' ? 1 : 0 }).changes;
      if (changed === 0) return undefined;
      const id = uuidv7(nowMs);
      this.insert.run({ id, ...use, userId, usedAt: nowMs });
      // Checked with the backend's own schema, so the server never has to reject it.
      const payload = KbUsageCreatePayload.parse({ article_id: use.articleId, kind: use.kind, call_id: use.callId, chat_id: use.chatId, comment: use.comment, used_at: nowMs });
      this.outbox.add({ entity: 'kb_usage', entityId: id, kind: 'create', payload, userId }, nowMs);
      return this.counts.get(use.articleId) as KbUseCounts;
    })();
  }
}
