import type { Database } from 'better-sqlite3';
import type { ContactRecord } from '../../backend/contacts/contract';
import type { ConsentBasis, Contact, ContactFlag, ContactSummary, PreferredChannel } from '../../preload/contract';
import { normalizeCaller } from '../../preload/contract/phone-number';
import { contactTerms, foldedWords } from './search-terms';

/*
 * Contacts in the local store: a row per contact, its numbers (several contacts may share one),
 * addresses, flags, notes and search words in their own tables. Reading assembles them; writing
 * replaces them. Outbox rows are the handlers' business (they wrap these calls in a transaction).
 */

interface ContactRow {
  id: string;
  name: string | null;
  preferred_channel: PreferredChannel | null;
  language: string | null;
  consent_basis: ConsentBasis | null;
  consent_at: number | null;
  consent_by: string | null;
  merged_into: string | null;
  purged_at: number | null;
  last_seen_at: number;
  created_at: number;
  updated_at: number;
}

export interface ContactFields {
  name: string | null;
  phones: { e164: string; label: string | null }[];
  addresses: string[];
  preferredChannel: PreferredChannel | null;
  language: string | null;
  flags: ContactFlag[];
}

/** E.164 of a typed number, or null when it is not a phone number. */
export function e164Of(number: string): string | null {
  const identity = normalizeCaller(number);
  return identity.kind === 'phone' ? identity.e164 : null;
}

function displayOf(e164: string): string {
  const identity = normalizeCaller(e164);
  return identity.kind === 'phone' ? identity.display : e164;
}

/** Not finished yet: the backend's words and the desk's lifecycle ('new'); an unknown status counts as open. */
const OPEN_STATUSES = new Set(['open', 'new', 'in_progress', 'forwarded', 'unknown']);
export const isOpenStatus = (status: string): boolean => OPEN_STATUSES.has(status);

export class ContactRepository {
  constructor(private readonly db: Database) {}

  row(id: string): ContactRow | null {
    return (this.db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined) ?? null;
  }

  get(id: string): Contact | null {
    const row = this.row(id);
    if (!row) return null;
    // Notes of contacts merged into this one stay theirs (a merge can be undone) but show here.
    const ids = [id, ...this.mergedInto(id)];
    const marks = ids.map(() => '?').join(', ');
    return {
      id: row.id,
      name: row.name,
      phones: (this.db.prepare('SELECT e164, label FROM contact_phones WHERE contact_id = ? ORDER BY e164').all(id) as { e164: string; label: string | null }[]).map((p) => ({
        e164: p.e164,
        display: displayOf(p.e164),
        label: p.label,
      })),
      addresses: this.db.prepare('SELECT text FROM contact_addresses WHERE contact_id = ? ORDER BY position').pluck().all(id) as string[],
      preferredChannel: row.preferred_channel,
      language: row.language,
      flags: this.db.prepare('SELECT flag FROM contact_flags WHERE contact_id = ? ORDER BY flag').pluck().all(id) as ContactFlag[],
      notes: (
        this.db.prepare(`SELECT id, text, author, created_at FROM contact_notes WHERE contact_id IN (${marks}) ORDER BY created_at DESC, id DESC LIMIT 500`).all(...ids) as {
          id: string;
          text: string;
          author: string;
          created_at: number;
        }[]
      ).map((n) => ({ id: n.id, text: n.text, author: n.author, createdAt: n.created_at })),
      consent: row.consent_basis && row.consent_at !== null ? { basis: row.consent_basis, at: row.consent_at, by: row.consent_by ?? '' } : null,
      purgedAt: row.purged_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Contacts folded into this one (merges not undone). */
  mergedInto(id: string): string[] {
    return this.db.prepare('SELECT id FROM contacts WHERE merged_into = ?').pluck().all(id) as string[];
  }

  /** Hot query of the screen pop: an index-only seek on contact_phones' primary key. */
  idsOnNumber(e164: string): string[] {
    return this.db
      .prepare('SELECT p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE p.e164 = ? AND c.merged_into IS NULL ORDER BY c.last_seen_at DESC LIMIT 20')
      .pluck()
      .all(e164) as string[];
  }

  summary(id: string, openTickets: number): ContactSummary | null {
    const contact = this.get(id);
    if (!contact) return null;
    return {
      id,
      name: contact.name,
      phones: contact.phones.map((p) => p.display),
      address: contact.addresses[0] ?? null,
      flags: contact.flags,
      openTickets,
    };
  }

  insert(id: string, fields: ContactFields, consent: { basis: ConsentBasis; at: number; by: string } | null, nowMs: number, origin: 'local' | 'pulled' = 'local'): void {
    this.db
      .prepare(
        `INSERT INTO contacts (id, name, preferred_channel, language, consent_basis, consent_at, consent_by, last_seen_at, created_at, updated_at, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, fields.name, fields.preferredChannel, fields.language, consent?.basis ?? null, consent?.at ?? null, consent?.by ?? null, nowMs, nowMs, nowMs, origin);
    this.replaceParts(id, fields);
  }

  /** Changes the given fields; the rest stay. */
  change(id: string, fields: Partial<ContactFields>, nowMs: number): void {
    const row = this.row(id);
    if (!row) return;
    this.db
      .prepare('UPDATE contacts SET name = ?, preferred_channel = ?, language = ?, updated_at = ?, last_seen_at = max(last_seen_at, ?) WHERE id = ?')
      .run(
        fields.name === undefined ? row.name : fields.name,
        fields.preferredChannel === undefined ? row.preferred_channel : fields.preferredChannel,
        fields.language === undefined ? row.language : fields.language,
        nowMs,
        nowMs,
        id,
      );
    const current = this.get(id) as Contact;
    this.replaceParts(id, {
      name: fields.name === undefined ? current.name : fields.name,
      phones: fields.phones ?? current.phones.map(({ e164, label }) => ({ e164, label })),
      addresses: fields.addresses ?? current.addresses,
      flags: fields.flags ?? current.flags,
    });
  }

  setMergedInto(id: string, survivorId: string | null, nowMs: number): void {
    this.db.prepare('UPDATE contacts SET merged_into = ?, updated_at = ? WHERE id = ?').run(survivorId, nowMs, id);
  }

  addNote(id: string, contactId: string, text: string, author: string, nowMs: number): void {
    this.db.prepare('INSERT OR IGNORE INTO contact_notes (id, contact_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)').run(id, contactId, text, author, nowMs);
    this.db.prepare('UPDATE contacts SET updated_at = ?, last_seen_at = max(last_seen_at, ?) WHERE id = ?').run(nowMs, nowMs, contactId);
  }

  /** A contact published by the backend (made or changed at another desk, or ours coming back). */
  applyPulled(record: ContactRecord, nowMs: number): void {
    const fields: ContactFields = {
      name: record.name,
      phones: record.phones,
      addresses: record.addresses,
      preferredChannel: record.preferred_channel,
      language: record.language,
      flags: record.flags,
    };
    if (!this.row(record.id)) this.insert(record.id, fields, record.consent, nowMs, 'pulled');
    else {
      this.change(record.id, fields, nowMs);
      this.db
        .prepare('UPDATE contacts SET consent_basis = ?, consent_at = ?, consent_by = ?, purged_at = NULL WHERE id = ?')
        .run(record.consent?.basis ?? null, record.consent?.at ?? null, record.consent?.by ?? null, record.id);
    }
    this.db.prepare('UPDATE contacts SET merged_into = ?, created_at = min(created_at, ?) WHERE id = ?').run(record.merged_into, record.created_at, record.id);
    for (const note of record.notes) this.db.prepare('INSERT OR IGNORE INTO contact_notes (id, contact_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)').run(note.id, record.id, note.text, note.author, note.created_at);
  }

  /** By phone number, ticket number, or the prefixes of words of names and addresses. */
  search(query: string, limit: number): string[] {
    const trimmed = query.trim();
    if (trimmed === '') return [];
    const found: string[] = [];
    const add = (ids: readonly string[]): void => {
      for (const id of ids) if (!found.includes(id)) found.push(id);
    };
    const live = (ids: string[]): string[] => {
      const isLive = this.db.prepare('SELECT merged_into IS NULL AND purged_at IS NULL FROM contacts WHERE id = ?').pluck();
      return ids.filter((id) => isLive.get(id) === 1);
    };
    if (/^[+0(]?[\d\s()./-]{6,}$/.test(trimmed) || /^(tel|sips?):/i.test(trimmed)) {
      const e164 = e164Of(trimmed);
      if (e164) add(this.idsOnNumber(e164));
    }
    // A ticket number: the contacts of the calls it was linked to.
    if (/^[0-9a-f-]{8,64}$/i.test(trimmed)) {
      const lower = trimmed.toLowerCase();
      add(
        live(
          this.db
            .prepare(
              `SELECT DISTINCT coalesce(c.contact_id, p.contact_id) FROM call_tickets t JOIN call_log c ON c.id = t.call_id
               LEFT JOIN contact_phones p ON p.e164 = c.remote_e164
               WHERE t.ticket_id >= ? AND t.ticket_id < ? AND coalesce(c.contact_id, p.contact_id) IS NOT NULL LIMIT ?`,
            )
            .pluck()
            .all(lower, `${lower}\uffff`, limit) as string[],
        ),
      );
    }
    const words = foldedWords(trimmed);
    if (words.length > 0 && found.length < limit) {
      const byPrefix = this.db.prepare('SELECT contact_id FROM contact_terms WHERE term >= ? AND term < ? LIMIT 2000').pluck();
      let matching: string[] | null = null;
      for (const word of words) {
        const ids = new Set(byPrefix.all(word, `${word}\uffff`) as string[]);
        matching = matching === null ? [...ids] : matching.filter((id) => ids.has(id));
        if (matching.length === 0) break;
      }
      add(live(matching ?? []));
    }
    return found.slice(0, limit);
  }

  private replaceParts(id: string, fields: Pick<ContactFields, 'name' | 'phones' | 'addresses' | 'flags'>): void {
    const run = (sql: string, ...args: unknown[]): void => {
      this.db.prepare(sql).run(...args);
    };
    run('DELETE FROM contact_phones WHERE contact_id = ?', id);
    run('DELETE FROM contact_addresses WHERE contact_id = ?', id);
    run('DELETE FROM contact_flags WHERE contact_id = ?', id);
    run('DELETE FROM contact_terms WHERE contact_id = ?', id);
    for (const phone of fields.phones) run('INSERT OR IGNORE INTO contact_phones (e164, contact_id, label) VALUES (?, ?, ?)', phone.e164, id, phone.label);
    fields.addresses.forEach((text, position) => run('INSERT INTO contact_addresses (contact_id, position, text) VALUES (?, ?, ?)', id, position, text));
    for (const flag of new Set(fields.flags)) run('INSERT INTO contact_flags (contact_id, flag) VALUES (?, ?)', id, flag);
    for (const term of contactTerms(fields.name, fields.addresses)) run('INSERT INTO contact_terms (term, contact_id) VALUES (?, ?)', term, id);
  }
}
