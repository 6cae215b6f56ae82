import type { Db } from '../db/adapter';
import type { Change, PullResponse, PublishedEntity } from '../contract';
import { ApiError } from '../server/errors';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * One page of the change feed after `since`. A cursor from another database (or ahead of this feed's
 * head, e.g. after a restore) answers with `reset: true` and the first page.
 */
export async function pull(db: Db, since: string | undefined, limit: number): Promise<PullResponse> {
  const [head] = await db.query<{ feed_id: string; last_seq: number }>('SELECT feed_id, last_seq FROM feed_head WHERE id = 1');
  if (!head) throw new Error('feed_head is missing');
  let after = 0;
  let reset = false;
  if (since !== undefined && since !== '') {
    const cursor = decodeCursor(since);
    if (!cursor) throw new ApiError(400, 'invalid_request', 'Unknown cursor', [{ path: 'query.since', code: 'invalid_cursor', message: 'not a cursor of this server' }]);
    if (cursor.feedId !== head.feed_id || cursor.seq > Number(head.last_seq)) reset = true;
    else after = cursor.seq;
  }
  // One extra row tells whether another page follows.
  const rows = await db.query<{ seq: number; entity: PublishedEntity; entity_id: string; op: 'upsert' | 'delete'; data: string | null }>(
    `SELECT c.seq, c.entity, c.entity_id, c.op, r.data FROM changes c
     LEFT JOIN published_records r ON r.entity = c.entity AND r.id = c.entity_id
     WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
    [after, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes: Change[] = page.map((row) =>
    row.op === 'upsert' && row.data !== null ? { entity: row.entity, id: row.entity_id, op: 'upsert', data: JSON.parse(row.data) } : { entity: row.entity, id: row.entity_id, op: 'delete' },
  );
  const last = page.at(-1);
  return { cursor: encodeCursor({ feedId: head.feed_id, seq: last ? Number(last.seq) : after }), changes, has_more: hasMore, reset };
}
