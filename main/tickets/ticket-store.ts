import type { Database } from 'better-sqlite3';
import { TicketCreatePayload } from '../../backend/contract';
import type { TicketStatus, TicketStatusValue } from '../../backend/contract';
import type { TicketAttachmentView, TicketInputParsed, TicketLifecycle, TicketListParams, TicketSummary, TicketView } from '../../preload/contract';
import type { Outbox } from '../store/outbox';
import type { CatalogueCache } from './catalogue';
import { TeamTickets, compareSummaries, remoteFields } from './team-tickets';

/** The backend's status words folded into the desk's lifecycle. */
export const LIFECYCLE: Record<TicketStatusValue, TicketLifecycle> = {
  open: 'new',
  forwarded: 'forwarded',
  in_progress: 'in_progress',
  fixed: 'resolved',
  closed: 'resolved',
  rejected: 'rejected',
  duplicate: 'duplicate',
};
const OPEN_STATUSES = "('new', 'forwarded', 'in_progress')";
type ListParams = Required<Pick<TicketListParams, 'view' | 'query' | 'sort' | 'limit'>> & TicketListParams;
/** Lists count matches only up to this many (more is shown as "more than 500"). */
export const COUNT_CAP = 500;
const FINAL: ReadonlySet<TicketLifecycle> = new Set(['resolved', 'rejected', 'duplicate']);

export interface TicketRow {
  id: string;
  number: string;
  kind: TicketView['kind'];
  channel: TicketView['channel'];
  title: string;
  service_code: string | null;
  description: string;
  answer: string;
  kb_article_id: string | null;
  street_id: string | null;
  street_name: string | null;
  building: string;
  district: string;
  where_exactly: string;
  lat: number | null;
  lon: number | null;
  attributes: string;
  caller_name: string;
  caller_phone: string;
  contact_id: string | null;
  call_id: string | null;
  chat_id: string | null;
  unit_id: string | null;
  status: TicketLifecycle;
  status_note: string | null;
  deadline_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  escalated_at: number | null;
  escalation_note: string | null;
  feedback: 'todo' | 'done' | null;
  feedback_channel: string | null;
  outbox_state: 'pending' | 'needs_review' | null;
  outbox_error: string | null;
  links: number;
  visit: string | null;
}

/** A file waiting to be sent to the backend (its ticket was accepted). */
export interface PendingUpload {
  id: string;
  ticket_id: string;
  name: string;
  mime: string;
  data: Buffer;
}

/** "Z-20250312-4F2A1C": readable on the phone, unique enough beside the id. */
export function ticketNumber(id: string, createdAt: number): string {
  const day = new Date(createdAt).toISOString().slice(0, 10).replace(/-/g, '');
  return `Z-${day}-${id.replace(/-/g, '').slice(-6).toUpperCase()}`;
}

const SYNC_COLUMNS = `
  (SELECT o.state FROM outbox o INDEXED BY outbox_by_entity WHERE o.entity = 'ticket' AND o.entity_id = t.id ORDER BY (o.state = 'needs_review') DESC, o.seq LIMIT 1) AS outbox_state,
  (SELECT o.last_error FROM outbox o INDEXED BY outbox_by_entity WHERE o.entity = 'ticket' AND o.entity_id = t.id AND o.state = 'needs_review' LIMIT 1) AS outbox_error`;

export interface NewTicketFields {
  id: string;
  input: TicketInputParsed;
  title: string;
  streetName: string | null;
  unitId: string | null;
  deadlineAt: number | null;
  userId: string | null;
  now: number;
  /** Kind visit: the slot booked at the backend. */
  visit?: TicketView['visit'];
}

/** The desk's tickets table and the outbox entries that go with each change. */
export class TicketStore {
  private readonly s;
  /** pulled_at of the last ticket status taken over from the replica. */
  private statusMark = -1;
  private readonly team: TeamTickets;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly catalogue: CatalogueCache,
  ) {
    this.team = new TeamTickets(db);
    this.s = {
      insert: db.prepare(`INSERT INTO tickets (id, number, kind, channel, title, service_code, description, answer, kb_article_id, street_id, street_name, building, district,
          where_exactly, lat, lon, attributes, caller_name, caller_phone, contact_id, call_id, chat_id, unit_id, status, deadline_at, created_by, created_at, updated_at, visit)
        VALUES (@id, @number, @kind, @channel, @title, @service_code, @description, @answer, @kb_article_id, @street_id, @street_name, @building, @district,
          @where_exactly, @lat, @lon, @attributes, @caller_name, @caller_phone, @contact_id, @call_id, @chat_id, @unit_id, 'new', @deadline_at, @created_by, @created_at, @created_at, @visit)`),
      attach: db.prepare('INSERT INTO ticket_attachments (id, ticket_id, name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      attachments: db.prepare('SELECT id, name, mime, size, uploaded_at FROM ticket_attachments INDEXED BY ticket_attachments_by_ticket WHERE ticket_id = ? ORDER BY created_at, id'),
      attachmentData: db.prepare('SELECT name, mime, data FROM ticket_attachments WHERE id = ?'),
      // Files whose ticket the backend accepted (no outbox entry of the ticket left): sent in order.
      pendingUploads: db.prepare(`SELECT a.id, a.ticket_id, a.name, a.mime, a.data FROM ticket_attachments a INDEXED BY ticket_attachments_to_upload
        WHERE a.uploaded_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o INDEXED BY outbox_by_entity WHERE o.entity = 'ticket' AND o.entity_id = a.ticket_id)
        ORDER BY a.created_at LIMIT ?`),
      markUploaded: db.prepare('UPDATE ticket_attachments SET uploaded_at = ? WHERE id = ?'),
      get: db.prepare(`SELECT t.*, ${SYNC_COLUMNS}, (SELECT count(*) FROM ticket_links l WHERE l.ticket_id = t.id) AS links FROM tickets t WHERE t.id = ?`),
      deleteDraft: db.prepare('DELETE FROM ticket_drafts WHERE id = ?'),
      saveDraft: db.prepare(`INSERT INTO ticket_drafts (id, user_id, data, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, user_id = excluded.user_id`),
      drafts: db.prepare(`SELECT id, data, updated_at AS updatedAt FROM ticket_drafts WHERE user_id IS @user OR user_id IS NULL ORDER BY updated_at DESC LIMIT 20`),
      link: db.prepare(`INSERT INTO ticket_links (id, ticket_id, caller_name, caller_phone, contact_id, call_id, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      duplicatesByStreet: db.prepare(`SELECT t.*, ${SYNC_COLUMNS}, 0 AS links FROM tickets t INDEXED BY tickets_by_service_street
        WHERE t.service_code = ? AND t.street_id = ? AND t.created_at >= ? AND t.status IN ${OPEN_STATUSES} ORDER BY t.created_at DESC LIMIT 10`),
      duplicatesNear: db.prepare(`SELECT t.*, ${SYNC_COLUMNS}, 0 AS links FROM tickets t INDEXED BY tickets_by_service_street
        WHERE t.service_code = ? AND t.created_at >= ? AND t.status IN ${OPEN_STATUSES} AND t.lat BETWEEN ? AND ? AND t.lon BETWEEN ? AND ? ORDER BY t.created_at DESC LIMIT 10`),
      statusesSince: db.prepare(`SELECT id, data, pulled_at FROM replica_records INDEXED BY replica_records_by_pulled WHERE entity = 'ticket_status' AND pulled_at > ? ORDER BY pulled_at`),
      localStatus: db.prepare('SELECT status, feedback FROM tickets WHERE id = ?'),
      setStatus: db.prepare(`UPDATE tickets SET status = @status, status_note = @note, unit_id = coalesce(@unit, unit_id), updated_at = @now,
          feedback = CASE WHEN @final = 1 AND feedback IS NULL THEN 'todo' ELSE feedback END WHERE id = @id`),
      escalate: db.prepare('UPDATE tickets SET escalated_at = ?, escalation_note = ?, updated_at = ? WHERE id = ?'),
      feedback: db.prepare(`UPDATE tickets SET feedback = 'done', feedback_channel = ?, feedback_at = ?, updated_at = ? WHERE id = ?`),
    };
  }

  /** Ticket, outbox entry and removal of its draft: one transaction, so nothing is half saved. */
  create(fields: NewTicketFields): TicketView {
    const { input, id, now } = fields;
    const payload = TicketCreatePayload.parse({
      title: fields.title,
      description: input.kind === 'information' && input.description.trim() === '' ? input.answer : input.description,
      ...(input.serviceCode ? { service_code: input.serviceCode } : {}),
      ...(fields.unitId ? { unit_id: fields.unitId } : {}),
      channel: input.channel === 'manual' ? 'phone' : input.channel,
      ...(fields.streetName ? { address: `${fields.streetName}${input.building ? ` ${input.building}` : ''}` } : {}),
      ...(input.district ? { district: input.district } : {}),
      ...(input.lat !== null && input.lon !== null ? { lat: input.lat, long: input.lon } : {}),
      ...(input.callerName || input.callerPhone ? { caller: { ...(input.callerName ? { name: input.callerName } : {}), ...(input.callerPhone ? { phone: input.callerPhone } : {}) } } : {}),
      kind: input.kind,
      ...(input.serviceCode ? { attributes: input.attributes } : {}),
      ...(input.streetId ? { street_id: input.streetId } : {}),
      ...(input.building ? { building: input.building } : {}),
      ...(input.whereExactly ? { location_note: input.whereExactly } : {}),
      ...(input.answer ? { answer: input.answer } : {}),
      ...(input.kbArticleId ? { kb_article_id: input.kbArticleId } : {}),
      ...(input.contactId ? { contact_id: input.contactId } : {}),
      ...(input.callId ? { call_id: input.callId } : {}),
      ...(input.chatId ? { chat_id: input.chatId } : {}),
      ...(fields.deadlineAt !== null ? { deadline_at: fields.deadlineAt } : {}),
      created_at: now,
    });
    this.db.transaction(() => {
      this.s.insert.run({
        id,
        number: ticketNumber(id, now),
        kind: input.kind,
        channel: input.channel,
        title: fields.title,
        service_code: input.serviceCode || null,
        description: input.description,
        answer: input.answer,
        kb_article_id: input.kbArticleId,
        street_id: input.streetId,
        street_name: fields.streetName,
        building: input.building.trim(),
        district: input.district,
        where_exactly: input.whereExactly,
        lat: input.lat,
        lon: input.lon,
        attributes: JSON.stringify(input.attributes),
        caller_name: input.callerName.trim(),
        caller_phone: input.callerPhone.trim(),
        contact_id: input.contactId,
        call_id: input.callId,
        chat_id: input.chatId,
        unit_id: fields.unitId,
        deadline_at: fields.deadlineAt,
        created_by: fields.userId,
        created_at: now,
        visit: fields.visit ? JSON.stringify(fields.visit) : null,
      });
      this.outbox.add({ entity: 'ticket', entityId: id, kind: 'create', payload, userId: fields.userId }, now);
      if (input.draftId) this.s.deleteDraft.run(input.draftId);
    })();
    return this.get(id, now)!;
  }

  get(id: string, now: number): TicketView | null {
    const row = this.s.get.get(id) as TicketRow | undefined;
    return row ? this.view(row, now) : null;
  }

  saveDraft(id: string, data: string, userId: string | null, now: number): void {
    this.s.saveDraft.run(id, userId, data, now);
  }

  drafts(userId: string | null): { id: string; data: string; updatedAt: number }[] {
    return this.s.drafts.all({ user: userId }) as { id: string; data: string; updatedAt: number }[];
  }

  discardDraft(id: string): void {
    this.s.deleteDraft.run(id);
  }

  /** `team`: the signed-in user's team, for the team view (none: the team view is empty). */
  list(params: ListParams, userId: string | null, now: number, team: string | null = null): { items: TicketSummary[]; total: number } {
    if (params.view === 'team') return this.teamList(params, userId, team, now);
    const values: Record<string, unknown> = { user: userId, now, limit: params.limit };
    const where: string[] = [];
    let index = 'tickets_by_created';
    if (params.view === 'mine') {
      where.push('t.created_by IS @user');
      index = 'tickets_by_author';
    } else if (params.view === 'overdue') {
      where.push(`t.status IN ${OPEN_STATUSES}`, 't.deadline_at < @now');
      index = 'tickets_open_by_deadline';
    }
    where.push(...this.filters(params, values));
    // Overdue tickets all have a deadline: ordered straight from the partial index, no sort step.
    const byDeadline = params.view === 'overdue' ? 't.deadline_at' : 't.deadline_at IS NULL, t.deadline_at, t.created_at DESC';
    const order = params.sort === 'deadline' ? byDeadline : params.sort === 'oldest' ? 't.created_at' : 't.created_at DESC';
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT t.*, ${SYNC_COLUMNS}, 0 AS links FROM tickets t INDEXED BY ${index} ${filter} ORDER BY ${order} LIMIT @limit`).all(values) as TicketRow[];
    // Counted up to COUNT_CAP: the list says "more than 500" rather than scanning 100,000 rows for an exact figure.
    const total = (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM tickets t INDEXED BY ${index} ${filter} LIMIT ${COUNT_CAP + 1})`).get(values) as { n: number }).n;
    return { items: rows.map((row) => this.summary(row, now)), total };
  }

  /**
   * The team's tickets from the pulled statuses (any desk, offline too), and this user's own tickets
   * made here that the backend has not published back yet (unsent, or not pulled since).
   */
  private teamList(params: ListParams, userId: string | null, team: string | null, now: number): { items: TicketSummary[]; total: number } {
    if (!team) return { items: [], total: 0 };
    const remote = this.team.find(params, team, LIFECYCLE, COUNT_CAP);
    const values: Record<string, unknown> = { user: userId, limit: params.limit };
    const where = ['t.created_by IS @user', `NOT EXISTS (SELECT 1 FROM replica_records r WHERE r.entity = 'ticket_status' AND r.id = t.id)`, ...this.filters(params, values)];
    const filter = `FROM tickets t INDEXED BY tickets_by_author WHERE ${where.join(' AND ')}`;
    const local = this.db.prepare(`SELECT t.*, ${SYNC_COLUMNS}, 0 AS links ${filter} ORDER BY t.created_at ${params.sort === 'oldest' ? '' : 'DESC'} LIMIT @limit`).all(values) as TicketRow[];
    const localCount = (this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 ${filter} LIMIT ${COUNT_CAP + 1})`).get(values) as { n: number }).n;
    const items = [...local.map((row) => this.summary(row, now)), ...remote.records.map((record) => this.remoteSummary(record, now))];
    return { items: items.sort(compareSummaries(params.sort)).slice(0, params.limit), total: Math.min(COUNT_CAP + 1, remote.total + localCount) };
  }

  /** A pulled record as a list row; a ticket made at this desk shows its own row (sync state, street, feedback). */
  private remoteSummary(record: TicketStatus, now: number): TicketSummary {
    const row = this.s.get.get(record.ticket_id) as TicketRow | undefined;
    if (row) return this.summary(row, now);
    const f = remoteFields(record, LIFECYCLE);
    return {
      id: f.id,
      number: ticketNumber(f.id, f.createdAt),
      kind: f.kind,
      title: f.title,
      status: f.status,
      streetName: f.address,
      building: '',
      unitName: this.catalogue.unit(record.unit_id)?.shortName ?? record.unit_id,
      deadlineAt: f.deadlineAt,
      overdue: f.deadlineAt !== null && f.deadlineAt < now && !FINAL.has(f.status),
      createdAt: f.createdAt,
      sync: 'sent',
      feedback: 'none',
    };
  }

  /** A ticket made here, or else one of another desk as pulled (read-only: summary fields only). */
  getAny(id: string, now: number): TicketView | null {
    const local = this.get(id, now);
    if (local) return local;
    const record = this.team.get(id);
    if (!record) return null;
    const f = remoteFields(record, LIFECYCLE);
    return {
      id: f.id,
      number: ticketNumber(f.id, f.createdAt),
      kind: f.kind,
      channel: 'phone',
      title: f.title,
      serviceCode: record.service_code,
      serviceName: record.service_code ? (this.catalogue.service(record.service_code)?.name ?? null) : null,
      description: '',
      answer: '',
      kbArticleId: null,
      streetId: null,
      streetName: f.address,
      building: '',
      district: f.district,
      whereExactly: '',
      lat: null,
      lon: null,
      attributes: {},
      callerName: '',
      callerPhone: '',
      contactId: null,
      callId: null,
      chatId: null,
      unitId: record.unit_id,
      unitName: this.catalogue.unit(record.unit_id)?.name ?? record.unit_id,
      status: f.status,
      statusNote: record.status_note,
      deadlineAt: f.deadlineAt,
      overdue: f.deadlineAt !== null && f.deadlineAt < now && !FINAL.has(f.status),
      createdBy: null,
      createdAt: f.createdAt,
      updatedAt: Date.parse(record.updated_at),
      sync: 'sent',
      syncReason: null,
      escalated: false,
      escalationNote: null,
      feedback: 'none',
      feedbackChannel: null,
      linkedReports: 0,
      attachments: [],
      visit: null,
    };
  }

  /** The filters every list shares (status, kind, service, text), over the tickets table `t`. */
  private filters(params: ListParams, values: Record<string, unknown>): string[] {
    const where: string[] = [];
    if (params.status) {
      where.push('t.status = @status');
      values.status = params.status;
    }
    if (params.kind) {
      where.push('t.kind = @kind');
      values.kind = params.kind;
    }
    if (params.serviceCode) {
      where.push('t.service_code = @service');
      values.service = params.serviceCode;
    }
    const query = params.query.trim();
    if (query !== '') {
      where.push(`(t.number LIKE @like ESCAPE '\\' OR t.title LIKE @like ESCAPE '\\' OR t.street_name LIKE @like ESCAPE '\\' OR t.caller_name LIKE @like ESCAPE '\\' OR t.caller_phone LIKE @like ESCAPE '\\')`);
      values.like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return where;
  }

  duplicates(serviceCode: string, streetId: string | null, lat: number | null, lon: number | null, now: number): TicketSummary[] {
    // Recent: the last 14 days (a fault reported again after that is likely a new one).
    const since = now - 14 * 24 * 3600_000;
    const rows: TicketRow[] = [];
    if (streetId) rows.push(...(this.s.duplicatesByStreet.all(serviceCode, streetId, since) as TicketRow[]));
    if (lat !== null && lon !== null) {
      // About 150 m: 0.00135° of latitude; longitude scaled by the latitude.
      const dLat = 0.00135;
      const dLon = dLat / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
      for (const row of this.s.duplicatesNear.all(serviceCode, since, lat - dLat, lat + dLat, lon - dLon, lon + dLon) as TicketRow[]) {
        if (!rows.some((r) => r.id === row.id)) rows.push(row);
      }
    }
    return rows.map((row) => this.summary(row, now));
  }

  link(ticketId: string, linkId: string, fields: { callerName: string; callerPhone: string; contactId: string | null; callId: string | null; note: string; draftId: string | null }, userId: string | null, now: number): void {
    const text = [`Kolejne zgłoszenie tej sprawy${fields.callerName ? ` od: ${fields.callerName}` : ''}${fields.callerPhone ? ` (${fields.callerPhone})` : ''}.`, fields.note.trim()].filter(Boolean).join(' ');
    this.db.transaction(() => {
      this.s.link.run(linkId, ticketId, fields.callerName, fields.callerPhone, fields.contactId, fields.callId, fields.note, userId, now);
      this.outbox.add({ entity: 'ticket_note', entityId: linkId, kind: 'create', payload: { ticket_id: ticketId, text, visibility: 'internal', created_at: now }, userId }, now);
      if (fields.draftId) this.s.deleteDraft.run(fields.draftId);
    })();
  }

  escalate(id: string, noteId: string, note: string, userId: string | null, now: number): void {
    this.db.transaction(() => {
      this.s.escalate.run(now, note, now, id);
      this.outbox.add({ entity: 'ticket_note', entityId: noteId, kind: 'create', payload: { ticket_id: id, text: `Eskalacja do II linii: ${note}`, visibility: 'internal', created_at: now }, userId }, now);
    })();
  }

  /** The inform-the-resident task done: recorded here and, through the outbox, at the backend. */
  feedbackGiven(id: string, feedbackId: string, channel: 'callback' | 'sms' | 'email', note: string, userId: string | null, now: number): void {
    this.db.transaction(() => {
      this.s.feedback.run(channel, now, now, id);
      this.outbox.add({ entity: 'ticket_feedback', entityId: feedbackId, kind: 'create', payload: { ticket_id: id, channel, note: note.trim(), given_at: now }, userId }, now);
    })();
  }

  attachmentCount(ticketId: string): number {
    return (this.s.attachments.all(ticketId) as unknown[]).length;
  }

  attach(ticketId: string, id: string, name: string, mime: string, data: Buffer, now: number): void {
    this.s.attach.run(id, ticketId, name, mime, data.length, data, now);
  }

  attachmentData(id: string): { name: string; mime: string; data: Buffer } | null {
    return (this.s.attachmentData.get(id) as { name: string; mime: string; data: Buffer } | undefined) ?? null;
  }

  pendingUploads(limit: number): PendingUpload[] {
    return this.s.pendingUploads.all(limit) as PendingUpload[];
  }

  markUploaded(id: string, now: number): void {
    this.s.markUploaded.run(now, id);
  }

  private attachmentViews(ticketId: string): TicketAttachmentView[] {
    const rows = this.s.attachments.all(ticketId) as { id: string; name: string; mime: string; size: number; uploaded_at: number | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: r.size, uploaded: r.uploaded_at !== null }));
  }

  /**
   * Takes over statuses pulled from the backend since the last look; a ticket that reached its
   * end (resolved, rejected, duplicate) gets an inform-the-resident task. Returns the changed ids.
   */
  applyPulledStatuses(now: number): string[] {
    const rows = this.s.statusesSince.all(this.statusMark) as { id: string; data: string; pulled_at: number }[];
    if (rows.length === 0) return [];
    const changed: string[] = [];
    this.db.transaction(() => {
      for (const row of rows) {
        this.statusMark = Math.max(this.statusMark, row.pulled_at);
        const local = this.s.localStatus.get(row.id) as { status: TicketLifecycle; feedback: string | null } | undefined;
        if (!local) continue; // another desk's ticket
        const data = JSON.parse(row.data) as { status: TicketStatusValue; status_note: string | null; unit_id: string | null };
        const status = LIFECYCLE[data.status] ?? 'new';
        this.s.setStatus.run({ id: row.id, status, note: data.status_note, unit: data.unit_id, now, final: FINAL.has(status) ? 1 : 0 });
        if (status !== local.status) changed.push(row.id);
      }
    })();
    return changed;
  }

  private syncOf(row: TicketRow): { sync: TicketView['sync']; syncReason: string | null } {
    return { sync: row.outbox_state ?? 'sent', syncReason: row.outbox_error };
  }

  private overdue(row: TicketRow, now: number): boolean {
    return row.deadline_at !== null && row.deadline_at < now && !FINAL.has(row.status);
  }

  summary(row: TicketRow, now: number): TicketSummary {
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      title: row.title,
      status: row.status,
      streetName: row.street_name,
      building: row.building,
      unitName: this.catalogue.unit(row.unit_id)?.shortName ?? row.unit_id,
      deadlineAt: row.deadline_at,
      overdue: this.overdue(row, now),
      createdAt: row.created_at,
      sync: this.syncOf(row).sync,
      feedback: row.feedback ?? 'none',
    };
  }

  view(row: TicketRow, now: number): TicketView {
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      channel: row.channel,
      title: row.title,
      serviceCode: row.service_code,
      serviceName: row.service_code ? (this.catalogue.service(row.service_code)?.name ?? null) : null,
      description: row.description,
      answer: row.answer,
      kbArticleId: row.kb_article_id,
      streetId: row.street_id,
      streetName: row.street_name,
      building: row.building,
      district: row.district,
      whereExactly: row.where_exactly,
      lat: row.lat,
      lon: row.lon,
      attributes: JSON.parse(row.attributes) as TicketView['attributes'],
      callerName: row.caller_name,
      callerPhone: row.caller_phone,
      contactId: row.contact_id,
      callId: row.call_id,
      chatId: row.chat_id,
      unitId: row.unit_id,
      unitName: this.catalogue.unit(row.unit_id)?.name ?? row.unit_id,
      status: row.status,
      statusNote: row.status_note,
      deadlineAt: row.deadline_at,
      overdue: this.overdue(row, now),
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...this.syncOf(row),
      escalated: row.escalated_at !== null,
      escalationNote: row.escalation_note,
      feedback: row.feedback ?? 'none',
      feedbackChannel: row.feedback_channel,
      linkedReports: row.links,
      attachments: this.attachmentViews(row.id),
      visit: row.visit ? (JSON.parse(row.visit) as TicketView['visit']) : null,
    };
  }
}
