import type { AttributeValue, FieldIssue, TicketInput, TicketKind, VisitChoice } from '../../../preload/contract';
import type { TicketPrefill } from './ticket-draft-request';

/** The form as typed: everything a draft needs to restore it exactly. */
export interface TicketFormState {
  draftId: string;
  kind: TicketKind;
  channel: 'phone' | 'chat' | 'email' | 'walk_in' | 'manual';
  serviceCode: string;
  description: string;
  answer: string;
  kbArticleId: string | null;
  streetId: string | null;
  streetText: string;
  streetDistricts: string[];
  building: string;
  district: string;
  whereExactly: string;
  lat: string;
  lon: string;
  attributes: Record<string, AttributeValue>;
  callerName: string;
  callerPhone: string;
  contactId: string | null;
  callId: string | null;
  chatId: string | null;
  /** Kind visit: the slot chosen (booked when the ticket is saved). */
  visit: VisitChoice | null;
}

export function newDraftId(): string {
  return crypto.randomUUID();
}

export function emptyForm(prefill: TicketPrefill = {}): TicketFormState {
  return {
    draftId: newDraftId(),
    kind: prefill.kind ?? 'fault',
    channel: prefill.channel ?? (prefill.chatId ? 'chat' : 'phone'),
    serviceCode: '',
    description: prefill.description ?? '',
    answer: prefill.answer ?? '',
    kbArticleId: prefill.kbArticleId ?? null,
    streetId: null,
    streetText: '',
    streetDistricts: [],
    building: '',
    district: '',
    whereExactly: '',
    lat: '',
    lon: '',
    attributes: {},
    callerName: prefill.callerName ?? '',
    callerPhone: prefill.callerPhone ?? '',
    contactId: prefill.contactId ?? null,
    callId: prefill.callId ?? null,
    chatId: prefill.chatId ?? null,
    visit: null,
  };
}

/** Parses coordinates typed with a comma or a dot; empty or invalid gives null. */
function coordinate(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

export function coordinateIssues(form: TicketFormState): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const lat = coordinate(form.lat);
  const lon = coordinate(form.lon);
  if (form.lat.trim() !== '' && (lat === null || lat < -90 || lat > 90)) issues.push({ field: 'lat', code: 'number_invalid' });
  if (form.lon.trim() !== '' && (lon === null || lon < -180 || lon > 180)) issues.push({ field: 'lon', code: 'number_invalid' });
  return issues;
}

export function toTicketInput(form: TicketFormState): TicketInput {
  const lat = coordinate(form.lat);
  const lon = coordinate(form.lon);
  return {
    kind: form.kind,
    channel: form.channel,
    serviceCode: form.serviceCode,
    description: form.description,
    answer: form.kind === 'information' ? form.answer : '',
    kbArticleId: form.kbArticleId,
    streetId: form.streetId,
    building: form.building,
    district: form.district,
    whereExactly: form.whereExactly,
    lat: lat !== null && lat >= -90 && lat <= 90 ? lat : null,
    lon: lon !== null && lon >= -180 && lon <= 180 ? lon : null,
    attributes: form.attributes,
    callerName: form.callerName,
    callerPhone: form.callerPhone,
    contactId: form.contactId,
    callId: form.callId,
    chatId: form.chatId,
    draftId: form.draftId,
    visit: form.kind === 'visit' ? form.visit : null,
  };
}
