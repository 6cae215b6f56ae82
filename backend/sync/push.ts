import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/adapter';
import { isUniqueViolation } from '../db/adapter';
import type { Mutation, PushResponse, PushResult, SessionUser } from '../contract';
import { applyMutation, Rejection } from './apply';

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes a mutation "the same": everything but its seq (a desk may renumber a resend). */
export function contentHash(m: Mutation): string {
  return createHash('sha256')
    .update(canonical({ entity: m.entity, entity_id: m.entity_id, kind: m.kind, payload: m.payload, depends_on: m.depends_on ?? null }))
    .digest('hex');
}

async function record(tx: Queryable, m: Mutation, hash: string, outcome: 'applied' | 'rejected', reason: string | null, user: SessionUser, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO mutations (client_id, mutation_id, seq, entity, entity_id, kind, content_hash, outcome, reason, user_id, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [m.client_id, m.mutation_id, m.seq, m.entity, m.entity_id, m.kind, hash, outcome, reason, user.id, now],
  );
}

/** The highest seq per client, kept in the batch's transaction (so with every mutation it covers). */
async function recordSeqs(tx: Queryable, processed: Mutation[], user: SessionUser, now: number): Promise<void> {
  const highest = new Map<string, number>();
  for (const m of processed) highest.set(m.client_id, Math.max(highest.get(m.client_id) ?? 0, m.seq));
  for (const [clientId, seq] of highest) {
    await tx.run(
      `INSERT INTO sync_clients (client_id, last_seq, user_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET
         last_seq = CASE WHEN excluded.last_seq > sync_clients.last_seq THEN excluded.last_seq ELSE sync_clients.last_seq END,
         user_id = excluded.user_id, updated_at = excluded.updated_at`,
      [clientId, seq, user.id, now],
    );
  }
}

type Seen = { content_hash: string; outcome: 'applied' | 'rejected'; reason: string | null };

async function seenBefore(tx: Queryable, m: Mutation, hash: string): Promise<PushResult | null> {
  const [seen] = await tx.query<Seen>('SELECT content_hash, outcome, reason FROM mutations WHERE client_id = ? AND mutation_id = ?', [m.client_id, m.mutation_id]);
  if (!seen) return null;
  if (seen.content_hash !== hash) return { mutation_id: m.mutation_id, status: 'conflict', message: 'This mutation_id was already used with another content' };
  return { mutation_id: m.mutation_id, status: 'duplicate', outcome: seen.outcome, ...(seen.reason ? { reason: seen.reason as never } : {}) };
}

function rejected(m: Mutation, error: Rejection): PushResult {
  return { mutation_id: m.mutation_id, status: 'rejected', reason: error.reason, message: error.message, ...(error.fieldErrors ? { field_errors: error.fieldErrors } : {}) };
}

/**
 * One mutation inside the batch's transaction, fenced by a savepoint: the idempotency check, the
 * change and the mutation record stand or fall together. A rejected change is
 * rolled back to the savepoint and only its record kept.
 */
async function processOne(tx: Queryable, m: Mutation, user: SessionUser, now: number): Promise<PushResult> {
  const hash = contentHash(m);
  const earlier = await seenBefore(tx, m, hash);
  if (earlier) return earlier;
  await tx.run('SAVEPOINT apply_mutation');
  try {
    try {
      if (m.depends_on) {
        const [parent] = await tx.query<{ outcome: string }>('SELECT outcome FROM mutations WHERE client_id = ? AND mutation_id = ?', [m.client_id, m.depends_on]);
        if (!parent) throw new Rejection('parent_unknown', 'depends_on names a mutation this server has not received; send parents first');
        if (parent.outcome !== 'applied') throw new Rejection('parent_rejected', 'depends_on names a mutation that was rejected');
      }
      await applyMutation({ tx, mutation: m, user, now });
      await record(tx, m, hash, 'applied', null, user, now);
      return { mutation_id: m.mutation_id, status: 'applied' };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another push of the same mutation committed first (a desk retrying while the first reply was in
      // flight), or another mutation created the same record: the savepoint makes the transaction usable again.
      await tx.run('ROLLBACK TO SAVEPOINT apply_mutation');
      const raced = await seenBefore(tx, m, hash);
      if (raced) return raced;
      throw new Rejection('already_exists', 'The record this mutation creates already exists');
    }
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    await tx.run('ROLLBACK TO SAVEPOINT apply_mutation');
    await record(tx, m, hash, 'rejected', error.reason, user, now);
    return rejected(m, error);
  } finally {
    await tx.run('RELEASE SAVEPOINT apply_mutation').catch(() => undefined);
  }
}

/** PostgreSQL's deadlock and serialization failures: the whole batch is simply tried again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Processes a batch in order in ONE transaction (one durable commit per batch, not per mutation: the
 * drain of a long queue is bound by fsyncs otherwise), each mutation fenced by its own savepoint. Results
 * are sent only after the commit, so an acknowledged mutation is always stored; a crash before the
 * reply means the desk resends and gets duplicates back.
 */
export async function push(db: Db, mutations: Mutation[], user: SessionUser): Promise<PushResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const now = Date.now();
        const results: PushResult[] = [];
        for (const m of mutations) results.push(await processOne(tx, m, user, now));
        // Applied and rejected ones advance the seq; duplicates already did, conflicts never do.
        await recordSeqs(tx, mutations.filter((_, i) => results[i]!.status === 'applied' || results[i]!.status === 'rejected'), user, now);
        const clients = [...new Set(mutations.map((m) => m.client_id))];
        const rows = await tx.query<{ client_id: string; last_seq: number }>(
          `SELECT client_id, last_seq FROM sync_clients WHERE client_id IN (${clients.map(() => '?').join(', ')})`,
          clients,
        );
        return { results, last_seq: Object.fromEntries(rows.map((row) => [row.client_id, Number(row.last_seq)])) };
      });
    } catch (error) {
      if ((!isRetryable(error) && !isUniqueViolation(error)) || attempt >= 2) throw error;
    }
  }
}
