import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { KbUsageCreatePayload, Mutation, SessionUser } from '../contract';
import type { Db, Queryable } from '../db/adapter';
import { addRoute, type RouteContext } from '../server/route';

/** Stores one "answered" or "not helpful" mark; a repeated id is the same mark sent again. */
export async function insertKbUsage(tx: Queryable, mutation: Mutation, user: SessionUser, payload: KbUsageCreatePayload, now: number): Promise<boolean> {
  if ((await tx.query('SELECT 1 FROM kb_usage WHERE id = ?', [mutation.entity_id])).length > 0) return false;
  await tx.run(
    `INSERT INTO kb_usage (id, article_id, kind, user_id, client_id, call_id, chat_id, comment, client_used_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [mutation.entity_id, payload.article_id, payload.kind, user.id, mutation.client_id, payload.call_id, payload.chat_id, payload.comment, payload.used_at, now],
  );
  return true;
}

export const KbUsageSummary = z.array(
  z.object({
    article_id: z.string(),
    answered: z.number().int(),
    not_helpful: z.number().int(),
    /** The newest "not helpful" comments, for the editors. */
    comments: z.array(z.object({ comment: z.string(), received_at: z.number().int() })),
  }),
);
export type KbUsageSummary = z.infer<typeof KbUsageSummary>;

const SummaryQuery = z.object({ since: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** For the knowledge-base editors: which articles answer contacts, and which fail, with why. */
export function kbUsageRoutes(app: FastifyInstance, context: RouteContext, db: Db): void {
  addRoute(app, context, {
    method: 'GET',
    url: '/kb/usage',
    access: ['supervisor', 'admin'],
    tag: 'catalog',
    summary: 'Per article: how often consultants marked it as the answer and as not helpful, with the newest comments.',
    query: SummaryQuery,
    responses: { 200: KbUsageSummary },
    handler: async ({ query }) => {
      const rows = await db.query<{ article_id: string; answered: number; not_helpful: number }>(
        `SELECT article_id,
                sum(CASE WHEN kind = 'answered' THEN 1 ELSE 0 END) AS answered,
                sum(CASE WHEN kind = 'not_helpful' THEN 1 ELSE 0 END) AS not_helpful
         FROM kb_usage WHERE received_at >= ? GROUP BY article_id
         ORDER BY not_helpful DESC, answered DESC, article_id LIMIT ?`,
        [query.since, query.limit],
      );
      const summary: KbUsageSummary = [];
      for (const row of rows) {
        const comments = await db.query<{ comment: string; received_at: number }>(
          `SELECT comment, received_at FROM kb_usage WHERE article_id = ? AND kind = 'not_helpful' AND comment <> '' AND received_at >= ?
           ORDER BY received_at DESC LIMIT 5`,
          [row.article_id, query.since],
        );
        summary.push({ article_id: row.article_id, answered: Number(row.answered), not_helpful: Number(row.not_helpful), comments: comments.map((c) => ({ comment: c.comment, received_at: Number(c.received_at) })) });
      }
      return summary;
    },
  });
}
