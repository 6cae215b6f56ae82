import type { FieldIssue, Settings, SettingsPatch } from '../../../preload/contract';

/** What the dialog edits: text exactly as typed (the expiry too), so a refused save loses nothing. */
export interface SettingsDraft {
  backend: Settings['backend'];
  sip: Omit<Settings['sip'], SipNumberField> & Record<SipNumberField, string>;
  audio: Settings['audio'];
}

export type DraftSection = keyof SettingsDraft;

/** The SIP section's numbers, edited as text. */
type SipNumberField = 'registerExpires' | 'reconnectMaxSeconds' | 'afterCallWorkSeconds';

function numberFromText(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed); // NaN is refused by the core as invalid_type
}

export function toDraft(settings: Settings): SettingsDraft {
  return {
    backend: { ...settings.backend },
    sip: {
      ...settings.sip,
      registerExpires: String(settings.sip.registerExpires),
      reconnectMaxSeconds: String(settings.sip.reconnectMaxSeconds),
      afterCallWorkSeconds: String(settings.sip.afterCallWorkSeconds),
    },
    audio: { ...settings.audio },
  };
}

function sameSection(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The sections the user changed, each whole (the core replaces and validates a section whole). */
export function toPatch(draft: SettingsDraft, saved: Settings): SettingsPatch {
  const sip: Settings['sip'] = {
    ...draft.sip,
    registerExpires: numberFromText(draft.sip.registerExpires),
    reconnectMaxSeconds: numberFromText(draft.sip.reconnectMaxSeconds),
    afterCallWorkSeconds: numberFromText(draft.sip.afterCallWorkSeconds),
  };
  const patch: SettingsPatch = {};
  if (!sameSection(draft.backend, saved.backend)) patch.backend = draft.backend;
  if (!sameSection(sip, saved.sip)) patch.sip = sip;
  if (!sameSection(draft.audio, saved.audio)) patch.audio = draft.audio;
  return patch;
}

/** One message per field (the first); "sip.uri" → "sip_uri_invalid". */
export function issuesByField(issues: readonly FieldIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[issue.field] ??= issue.code;
  return byField;
}
