import type { Database } from 'better-sqlite3';
import type { PurgeReport, RetentionPolicy } from '../../preload/contract';

/*
 * The retention policy for personal data on the desk. Calls older than `historyMonths` are kept
 * only as counts per caller and month; a contact not heard from for `personalMonths` loses its
 * personal fields (name, numbers, addresses, flags, notes, consent) and keeps its id and counts.
 * Calls of an unknown number are counted under the number until `personalMonths`, then anonymously.
 */

export function readPolicy(db: Database): RetentionPolicy {
  const row = db.prepare('SELECT history_months, personal_months FROM retention_policy WHERE id = 1').get() as { history_months: number; personal_months: number };
  return { historyMonths: row.history_months, personalMonths: row.personal_months };
}

export function writePolicy(db: Database, policy: RetentionPolicy): void {
  db.prepare('UPDATE retention_policy SET history_months = ?, personal_months = ? WHERE id = 1').run(policy.historyMonths, policy.personalMonths);
}

/** `months` calendar months before `nowMs` (UTC). */
export function monthsBefore(nowMs: number, months: number): number {
  const date = new Date(nowMs);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

/** Applies the policy in one transaction. Idempotent: a second run at the same time removes nothing. */
export function purgeExpired(db: Database, policy: RetentionPolicy, nowMs: number): PurgeReport {
  const historyCutoff = monthsBefore(nowMs, policy.historyMonths);
  const personalCutoff = monthsBefore(nowMs, policy.personalMonths);
  const personalMonth = new Date(personalCutoff).toISOString().slice(0, 7);
  return db.transaction((): PurgeReport => {
    // 1. Old calls become counts.
    db.prepare(
      `INSERT INTO call_counts (subject, month, calls)
       SELECT coalesce(contact_id, 'tel:' || remote_e164, '*'), strftime('%Y-%m', started_at / 1000, 'unixepoch'), count(*)
       FROM call_log WHERE started_at < ? GROUP BY 1, 2
       ON CONFLICT (subject, month) DO UPDATE SET calls = calls + excluded.calls`,
    ).run(historyCutoff);
    const callsCounted = db.prepare('DELETE FROM call_log WHERE started_at < ?').run(historyCutoff).changes;
    const callbacksRemoved = db.prepare('DELETE FROM callbacks WHERE due_at < ? AND created_at < ?').run(historyCutoff, historyCutoff).changes;

    // 2. Contacts not heard from lose their personal fields.
    const stale = db.prepare('SELECT id FROM contacts WHERE purged_at IS NULL AND last_seen_at < ?').pluck().all(personalCutoff) as string[];
    for (const id of stale) {
      for (const table of ['contact_phones', 'contact_addresses', 'contact_flags', 'contact_notes', 'contact_terms']) db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`).run(id);
      db.prepare(
        `UPDATE contacts SET name = NULL, preferred_channel = NULL, language = NULL, consent_basis = NULL, consent_at = NULL, consent_by = NULL, purged_at = ? WHERE id = ?`,
      ).run(nowMs, id);
      // Calls still inside the history window keep their place in the counts, not who or what.
      db.prepare(`UPDATE call_log SET remote_number = '', remote_e164 = NULL, remote_name = NULL, notes = '', transferred_to = NULL WHERE contact_id = ?`).run(id);
      db.prepare(`UPDATE callbacks SET e164 = '', note = '' WHERE contact_id = ?`).run(id);
    }

    // Unknown callers' calls older than the personal window keep only their time and outcome.
    db.prepare(`UPDATE call_log SET remote_number = '', remote_e164 = NULL, remote_name = NULL, notes = '', transferred_to = NULL WHERE contact_id IS NULL AND started_at < ? AND remote_number <> ''`).run(personalCutoff);

    // 3. Counts kept under an unknown number become anonymous once that number is stale.
    db.prepare(
      `INSERT INTO call_counts (subject, month, calls)
       SELECT '*', month, sum(calls) FROM call_counts WHERE subject LIKE 'tel:%' AND month < ? GROUP BY month
       ON CONFLICT (subject, month) DO UPDATE SET calls = calls + excluded.calls`,
    ).run(personalMonth);
    db.prepare(`DELETE FROM call_counts WHERE subject LIKE 'tel:%' AND month < ?`).run(personalMonth);
    return { callsCounted, contactsPurged: stale.length, callbacksRemoved };
  })();
}
