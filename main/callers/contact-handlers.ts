import type { Database } from 'better-sqlite3';
import type { ContactCreatePayload, ContactUpdatePayload } from '../../backend/contacts/contract';
import type { CallerCard, Contact, ContactMerge, ContactSummary, contactMethods, RetentionView, ScreenPop } from '../../preload/contract';
import { normalizeCaller } from '../../preload/contract/phone-number';
import { CallLog } from '../calls/call-log';
import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureContext, FeatureFactory } from '../core/feature-context';
import { uuidv7 } from '../store/ids';
import { ContactRepository, e164Of, type ContactFields } from './contact-repository';
import { historyOf, type Caller } from './history';
import { onCallerPulled } from './caller-replica';
import { purgeExpired, readPolicy, writePolicy } from './retention';
import { cleanText } from './search-terms';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What a ringing call's card shows at once (newest first); `contacts.card` gives more on request. */
const SCREEN_POP_ENTRIES = 20;
/** How often the retention policy is looked at, and how soon after start it first runs. */
const PURGE_CHECK_MS = 60 * 60 * 1000;
const FIRST_PURGE_DELAY_MS = 2_000;
/** Who may change the retention policy or purge now (the backend's roles of the signed-in user). */
const RETENTION_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

interface MergeSnapshot {
  survivorBefore: Pick<ContactFields, 'phones' | 'addresses' | 'flags'>;
  merged: Pick<ContactFields, 'phones' | 'addresses' | 'flags'>;
}

const notFound = (what: string): never => {
  throw new BridgeFailure({ code: 'not_found', message: `no ${what}` });
};
const invalid = (field: string, code: string): never => {
  throw new BridgeFailure({ code: 'invalid_params', message: `${field}: ${code}`, issues: [{ field, code }] });
};

function phonesOf(numbers: readonly string[], field: string): { e164: string; label: null }[] {
  return [...new Set(numbers.filter((n) => n.trim() !== '').map((n, i) => e164Of(n) ?? invalid(`${field}.${i}`, 'phone_invalid')))].map((e164) => ({ e164, label: null }));
}

function parts(contact: Contact): Pick<ContactFields, 'phones' | 'addresses' | 'flags'> {
  return { phones: contact.phones.map(({ e164, label }) => ({ e164, label })), addresses: contact.addresses, flags: contact.flags };
}

/** Contacts and caller history (issue 5): the screen pop, the card, search, merge, callbacks, retention. */
export const contactHandlers: FeatureFactory<keyof typeof contactMethods> = (context) => {
  let lastPurgeAt = 0;
  const repo = (db: Database): ContactRepository => new ContactRepository(db);

  /**
   * The retention policy runs once a day, shortly after the core starts and then from a timer —
   * never inside a screen pop (on a big store its first run takes seconds, while the phone rings).
   */
  const purgeWhenDue = (): boolean => {
    let ctx: FeatureContext;
    try {
      ctx = context();
    } catch {
      return true; // no usable store (yet): try again later
    }
    if (!ctx.db.open) return false;
    if (ctx.now() - lastPurgeAt < DAY_MS) return true;
    lastPurgeAt = ctx.now();
    const report = purgeExpired(ctx.db, readPolicy(ctx.db), ctx.now());
    if (report.callsCounted + report.contactsPurged > 0) ctx.log.info('retention policy applied', { ...report });
    return true;
  };
  const purgeTimer = setInterval(() => {
    if (!purgeWhenDue()) clearInterval(purgeTimer);
  }, PURGE_CHECK_MS);
  purgeTimer.unref();
  setTimeout(purgeWhenDue, FIRST_PURGE_DELAY_MS).unref();

  /** Follows merges to the contact that stands for the person now. */
  const live = (db: Database, id: string): Contact => {
    let current = id;
    for (let hop = 0; hop < 10; hop++) {
      const row = repo(db).row(current) ?? notFound(`contact ${id}`);
      if (!row.merged_into) return repo(db).get(current) as Contact;
      current = row.merged_into;
    }
    return notFound(`contact ${id} (merge loop)`);
  };

  const callerOf = (db: Database, contact: Contact): Caller => ({
    contactIds: [contact.id, ...repo(db).mergedInto(contact.id)],
    phones: contact.phones.map((p) => p.e164),
    emails: contact.addresses.filter((a) => /^[^\s@]+@[^\s@]+$/.test(a)).map((a) => a.toLowerCase()),
  });

  /** Who looked up whom: every search and candidate list that named contacts is audited. */
  const auditLookup = (ctx: FeatureContext, action: string, details: Record<string, unknown>, ids: readonly string[]): void => {
    if (ids.length > 0) ctx.audit.record(ctx.actor(), action, { ...details, contactIds: ids }, ctx.now());
  };

  const mayChangeRetention = (ctx: FeatureContext): boolean => {
    const auth = ctx.sync.authStatus();
    return auth.state === 'signed_in' && (auth.user?.roles ?? []).some((role) => RETENTION_ROLES.has(role));
  };
  const requireRetentionRole = (ctx: FeatureContext): void => {
    if (!mayChangeRetention(ctx)) throw new BridgeFailure({ code: 'forbidden', message: 'only a supervisor or administrator changes the retention policy' });
  };
  const retentionView = (ctx: FeatureContext): RetentionView => ({ policy: readPolicy(ctx.db), canChange: mayChangeRetention(ctx) });

  // Contacts pulled from the backend (changed at another desk): open cards refresh.
  onCallerPulled((db, ids) => {
    let ctx: FeatureContext;
    try {
      ctx = context();
    } catch {
      return; // the store is closed
    }
    if (ctx.db === db) ctx.emit('contacts.changed', { ids: [...ids] });
  });

  const openCard = (ctx: FeatureContext, contact: Contact, limit: number, callId: string | undefined): CallerCard => {
    const history = historyOf(ctx.db, callerOf(ctx.db, contact), limit, callId ?? null);
    ctx.audit.record(ctx.actor(), 'contact.history_opened', { contactId: contact.id, ...(callId ? { callId } : {}) }, ctx.now());
    return { contact, e164: contact.phones[0]?.e164 ?? null, ...history };
  };

  const summaries = (db: Database, ids: readonly string[]): ContactSummary[] =>
    ids.flatMap((id) => {
      const contact = repo(db).get(id);
      if (!contact) return [];
      const open = historyOf(db, callerOf(db, contact), 50).openTickets;
      return [repo(db).summary(id, open) as ContactSummary];
    });

  const changed = (ctx: FeatureContext, ids: string[]): void => {
    ctx.emit('contacts.changed', { ids });
    ctx.emitStatus();
  };

  return {
    'contacts.screenPop': ({ number, callId }): ScreenPop => {
      const ctx = context();
      const identity = normalizeCaller(number);
      if (identity.kind === 'withheld') return { identity: { kind: 'withheld' }, candidates: [], card: null };
      if (identity.kind === 'sip') return { identity: { kind: 'sip', address: identity.address, display: identity.display }, candidates: [], card: null };
      const phone = { kind: 'phone' as const, e164: identity.e164, display: identity.display };
      const ids = repo(ctx.db).idsOnNumber(identity.e164);
      // The consultant already chose a contact for this call (several on the number).
      const chosen = callId ? new CallLog(ctx.db, ctx.outbox).get(callId)?.contactId : null;
      const only = chosen ?? (ids.length === 1 ? ids[0] : undefined);
      if (ids.length <= 1 && only) {
        // One contact: its summary comes from the card (no second history query while the phone rings).
        const card = openCard(ctx, live(ctx.db, only), SCREEN_POP_ENTRIES, callId);
        const summary = repo(ctx.db).summary(card.contact?.id ?? only, card.openTickets);
        return { identity: phone, candidates: summary ? [summary] : [], card };
      }
      const candidates = summaries(ctx.db, ids);
      if (ids.length > 1) auditLookup(ctx, 'contact.candidates_listed', { e164: identity.e164, ...(callId ? { callId } : {}) }, ids);
      if (only) return { identity: phone, candidates, card: openCard(ctx, live(ctx.db, only), SCREEN_POP_ENTRIES, callId) };
      if (ids.length > 1) return { identity: phone, candidates, card: null };
      // An unknown number: its own earlier calls and callbacks, and an empty contact.
      const history = historyOf(ctx.db, { contactIds: [], phones: [identity.e164] }, SCREEN_POP_ENTRIES, callId ?? null);
      ctx.audit.record(ctx.actor(), 'caller.history_opened', { e164: identity.e164, ...(callId ? { callId } : {}) }, ctx.now());
      return { identity: phone, candidates: [], card: { contact: null, e164: identity.e164, ...history } };
    },

    'contacts.card': ({ contactId, callId, limit }) => {
      const ctx = context();
      return openCard(ctx, live(ctx.db, contactId), limit, callId);
    },

    'contacts.search': ({ query, limit }) => {
      const ctx = context();
      const found = summaries(ctx.db, repo(ctx.db).search(query, limit));
      auditLookup(ctx, 'contact.searched', { query: query.trim() }, found.map((c) => c.id));
      return found;
    },

    'contacts.create': ({ name, phones, consent, callId, ...rest }) => {
      const ctx = context();
      const fields: ContactFields = {
        name: cleanText(name, 200),
        phones: phonesOf(phones, 'phones'),
        addresses: (rest.addresses ?? []).map((a) => cleanText(a, 300)),
        preferredChannel: rest.preferredChannel ?? null,
        language: rest.language ?? null,
        flags: rest.flags ?? [],
      };
      if (!fields.name) invalid('name', 'name_required');
      const id = uuidv7(ctx.now());
      const consentRecord = { basis: consent, at: ctx.now(), by: ctx.actor() };
      const contact = ctx.db.transaction(() => {
        repo(ctx.db).insert(id, fields, consentRecord, ctx.now());
        const payload: ContactCreatePayload = {
          name: fields.name as string,
          phones: fields.phones,
          addresses: fields.addresses,
          preferred_channel: fields.preferredChannel,
          language: fields.language,
          flags: fields.flags,
          consent: consentRecord,
          created_at: ctx.now(),
        };
        ctx.outbox.add({ entity: 'contact', entityId: id, kind: 'create', payload, userId: ctx.userId() }, ctx.now());
        ctx.audit.record(ctx.actor(), 'contact.created', { contactId: id, consent }, ctx.now());
        if (callId) {
          const call = new CallLog(ctx.db, ctx.outbox).update(callId, { contactId: id }, ctx.userId(), ctx.now());
          if (call) ctx.emit('calls.changed', call);
        }
        return repo(ctx.db).get(id) as Contact;
      })();
      changed(ctx, [id]);
      return contact;
    },

    'contacts.update': ({ id, name, phones, ...rest }) => {
      const ctx = context();
      if (!repo(ctx.db).row(id)) notFound(`contact ${id}`);
      const fields: Partial<ContactFields> = {
        ...(name !== undefined ? { name: cleanText(name, 200) } : {}),
        ...(phones !== undefined ? { phones: phonesOf(phones, 'phones') } : {}),
        ...(rest.addresses !== undefined ? { addresses: rest.addresses.map((a) => cleanText(a, 300)) } : {}),
        ...(rest.preferredChannel !== undefined ? { preferredChannel: rest.preferredChannel } : {}),
        ...(rest.language !== undefined ? { language: rest.language } : {}),
        ...(rest.flags !== undefined ? { flags: rest.flags } : {}),
      };
      const contact = ctx.db.transaction(() => {
        repo(ctx.db).change(id, fields, ctx.now());
        const payload: ContactUpdatePayload = {
          ...(fields.name ? { name: fields.name } : {}),
          ...(fields.phones ? { phones: fields.phones } : {}),
          ...(fields.addresses ? { addresses: fields.addresses } : {}),
          ...(fields.preferredChannel !== undefined ? { preferred_channel: fields.preferredChannel } : {}),
          ...(fields.language !== undefined ? { language: fields.language } : {}),
          ...(fields.flags ? { flags: fields.flags } : {}),
          updated_at: ctx.now(),
        };
        ctx.outbox.add({ entity: 'contact', entityId: id, kind: 'update', payload, userId: ctx.userId() }, ctx.now());
        return repo(ctx.db).get(id) as Contact;
      })();
      changed(ctx, [id]);
      return contact;
    },

    'contacts.addNote': ({ contactId, text }) => {
      const ctx = context();
      if (!repo(ctx.db).row(contactId)) notFound(`contact ${contactId}`);
      const noteId = uuidv7(ctx.now());
      const contact = ctx.db.transaction(() => {
        repo(ctx.db).addNote(noteId, contactId, text, ctx.actor(), ctx.now());
        ctx.outbox.add({ entity: 'contact_note', entityId: noteId, kind: 'create', payload: { contact_id: contactId, text, created_at: ctx.now() }, userId: ctx.userId() }, ctx.now());
        return repo(ctx.db).get(contactId) as Contact;
      })();
      changed(ctx, [contactId]);
      return contact;
    },

    'contacts.merge': ({ survivorId, mergedId }) => {
      const ctx = context();
      if (survivorId === mergedId) invalid('mergedId', 'merge_same_contact');
      const survivor = repo(ctx.db).get(survivorId) ?? notFound(`contact ${survivorId}`);
      const merged = repo(ctx.db).get(mergedId) ?? notFound(`contact ${mergedId}`);
      if (repo(ctx.db).row(survivorId)?.merged_into || repo(ctx.db).row(mergedId)?.merged_into) invalid('mergedId', 'already_merged');
      const mergeId = uuidv7(ctx.now());
      const snapshot: MergeSnapshot = { survivorBefore: parts(survivor), merged: parts(merged) };
      const contact = ctx.db.transaction(() => {
        const union = {
          phones: [...survivor.phones, ...merged.phones.filter((p) => !survivor.phones.some((s) => s.e164 === p.e164))].map(({ e164, label }) => ({ e164, label })).slice(0, 20),
          addresses: [...new Set([...survivor.addresses, ...merged.addresses])].slice(0, 20),
          flags: [...new Set([...survivor.flags, ...merged.flags])],
        };
        repo(ctx.db).change(survivorId, union, ctx.now());
        repo(ctx.db).change(mergedId, { phones: [], addresses: [], flags: [] }, ctx.now());
        repo(ctx.db).setMergedInto(mergedId, survivorId, ctx.now());
        ctx.db.prepare('INSERT INTO contact_merges (id, survivor_id, merged_id, moved, merged_at, merged_by) VALUES (?, ?, ?, ?, ?, ?)').run(mergeId, survivorId, mergedId, JSON.stringify(snapshot), ctx.now(), ctx.actor());
        const now = ctx.now();
        ctx.outbox.add({ entity: 'contact', entityId: survivorId, kind: 'update', payload: { ...union, updated_at: now } satisfies ContactUpdatePayload, userId: ctx.userId() }, now);
        ctx.outbox.add({ entity: 'contact', entityId: mergedId, kind: 'update', payload: { phones: [], addresses: [], flags: [], merged_into: survivorId, updated_at: now } satisfies ContactUpdatePayload, userId: ctx.userId() }, now);
        ctx.audit.record(ctx.actor(), 'contact.merge', { mergeId, survivorId, mergedId, snapshot }, now);
        return repo(ctx.db).get(survivorId) as Contact;
      })();
      changed(ctx, [survivorId, mergedId]);
      return { mergeId, contact };
    },

    'contacts.unmerge': ({ mergeId }) => {
      const ctx = context();
      const merge = ctx.db.prepare('SELECT * FROM contact_merges WHERE id = ? AND undone_at IS NULL').get(mergeId) as
        | { survivor_id: string; merged_id: string; moved: string }
        | undefined;
      if (!merge) return notFound(`merge ${mergeId}`);
      const snapshot = JSON.parse(merge.moved) as MergeSnapshot;
      const result = ctx.db.transaction(() => {
        const survivor = repo(ctx.db).get(merge.survivor_id) as Contact;
        // What the merge brought leaves the survivor; what was added since stays.
        const broughtPhones = snapshot.merged.phones.filter((p) => !snapshot.survivorBefore.phones.some((s) => s.e164 === p.e164)).map((p) => p.e164);
        const broughtAddresses = snapshot.merged.addresses.filter((a) => !snapshot.survivorBefore.addresses.includes(a));
        const broughtFlags = snapshot.merged.flags.filter((f) => !snapshot.survivorBefore.flags.includes(f));
        const rest = {
          phones: parts(survivor).phones.filter((p) => !broughtPhones.includes(p.e164)),
          addresses: survivor.addresses.filter((a) => !broughtAddresses.includes(a)),
          flags: survivor.flags.filter((f) => !broughtFlags.includes(f)),
        };
        repo(ctx.db).change(merge.survivor_id, rest, ctx.now());
        repo(ctx.db).change(merge.merged_id, snapshot.merged, ctx.now());
        repo(ctx.db).setMergedInto(merge.merged_id, null, ctx.now());
        ctx.db.prepare('UPDATE contact_merges SET undone_at = ? WHERE id = ?').run(ctx.now(), mergeId);
        const now = ctx.now();
        ctx.outbox.add({ entity: 'contact', entityId: merge.survivor_id, kind: 'update', payload: { ...rest, updated_at: now } satisfies ContactUpdatePayload, userId: ctx.userId() }, now);
        ctx.outbox.add({ entity: 'contact', entityId: merge.merged_id, kind: 'update', payload: { ...snapshot.merged, merged_into: null, updated_at: now } satisfies ContactUpdatePayload, userId: ctx.userId() }, now);
        ctx.audit.record(ctx.actor(), 'contact.unmerge', { mergeId, survivorId: merge.survivor_id, mergedId: merge.merged_id }, now);
        return { survivor: repo(ctx.db).get(merge.survivor_id) as Contact, restored: repo(ctx.db).get(merge.merged_id) as Contact };
      })();
      changed(ctx, [merge.survivor_id, merge.merged_id]);
      return result;
    },

    'contacts.scheduleCallback': ({ contactId, number, dueAt, note, callId }) => {
      const ctx = context();
      const e164 = e164Of(number) ?? invalid('number', 'phone_invalid');
      if (contactId && !repo(ctx.db).row(contactId)) notFound(`contact ${contactId}`);
      const id = uuidv7(ctx.now());
      const cleanNote = cleanText(note, 1000);
      ctx.db.transaction(() => {
        ctx.db
          .prepare('INSERT INTO callbacks (id, contact_id, e164, due_at, note, call_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, contactId, e164, dueAt, cleanNote, callId ?? null, ctx.now(), ctx.actor());
        ctx.outbox.add(
          { entity: 'callback', entityId: id, kind: 'create', payload: { contact_id: contactId, e164, due_at: dueAt, note: cleanNote, call_id: callId ?? null, created_at: ctx.now() }, userId: ctx.userId() },
          ctx.now(),
        );
      })();
      changed(ctx, contactId ? [contactId] : []);
      return { id, dueAt };
    },

    'contacts.setCallbackState': ({ id, state }) => {
      const ctx = context();
      const row = ctx.db.prepare('SELECT contact_id, state FROM callbacks WHERE id = ?').get(id) as { contact_id: string | null; state: string } | undefined;
      if (!row) return notFound(`callback ${id}`);
      if (row.state !== 'scheduled') invalid('state', 'callback_closed');
      ctx.db.transaction(() => {
        ctx.db.prepare('UPDATE callbacks SET state = ? WHERE id = ?').run(state, id);
        // Sent after its creation (held back with it if that was parked for review).
        const create = ctx.db.prepare(`SELECT mutation_id FROM outbox WHERE entity = 'callback' AND entity_id = ? AND kind = 'create'`).pluck().get(id) as string | undefined;
        ctx.outbox.add({ entity: 'callback', entityId: id, kind: 'update', payload: { state, updated_at: ctx.now() }, dependsOn: create ?? null, userId: ctx.userId() }, ctx.now());
        ctx.audit.record(ctx.actor(), 'contact.callback_state', { callbackId: id, state }, ctx.now());
      })();
      changed(ctx, row.contact_id ? [row.contact_id] : []);
      return { id, state };
    },

    'contacts.merges': ({ contactId }) => {
      const ctx = context();
      const rows = ctx.db
        .prepare('SELECT id, survivor_id, merged_id, merged_at, merged_by FROM contact_merges WHERE survivor_id = ? AND undone_at IS NULL ORDER BY merged_at DESC, id DESC LIMIT 50')
        .all(contactId) as { id: string; survivor_id: string; merged_id: string; merged_at: number; merged_by: string }[];
      return rows.map(
        (row): ContactMerge => ({ mergeId: row.id, survivorId: row.survivor_id, mergedId: row.merged_id, mergedName: repo(ctx.db).row(row.merged_id)?.name ?? null, mergedAt: row.merged_at, mergedBy: row.merged_by }),
      );
    },

    'contacts.retention': () => retentionView(context()),

    'contacts.setRetention': (policy) => {
      const ctx = context();
      requireRetentionRole(ctx);
      ctx.db.transaction(() => {
        ctx.audit.record(ctx.actor(), 'contact.retention_changed', { before: readPolicy(ctx.db), after: policy }, ctx.now());
        writePolicy(ctx.db, policy);
      })();
      return retentionView(ctx);
    },

    'contacts.purge': () => {
      const ctx = context();
      requireRetentionRole(ctx);
      lastPurgeAt = ctx.now();
      const report = purgeExpired(ctx.db, readPolicy(ctx.db), ctx.now());
      ctx.db.transaction(() => ctx.audit.record(ctx.actor(), 'contact.retention_purge', { ...report }, ctx.now()))();
      return report;
    },
  };
};
