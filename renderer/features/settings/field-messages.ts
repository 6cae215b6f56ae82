import type { TFunction } from 'i18next';

/** Fields the dialog shows, by their dotted contract path. */
export const FIELD_LABEL_KEYS: Record<string, string> = {
  'backend.url': 'settings.field.backendUrl',
  'backend.kind': 'settings.field.backendKind',
  'backend.open311ApiKey': 'settings.field.open311ApiKey',
  'backend.open311Jurisdiction': 'settings.field.open311Jurisdiction',
  'sip.websocketUrl': 'settings.field.sipWebsocketUrl',
  'sip.uri': 'settings.field.sipUri',
  'sip.authorizationUser': 'settings.field.sipAuthorizationUser',
  'sip.displayName': 'settings.field.sipDisplayName',
  'sip.registerExpires': 'settings.field.sipRegisterExpires',
  'sip.stunUrl': 'softphone.settings.stunUrl',
  'sip.turnUrl': 'softphone.settings.turnUrl',
  'sip.turnUsername': 'softphone.settings.turnUsername',
  'sip.dtmfMode': 'softphone.settings.dtmfMode',
  'sip.reconnectMaxSeconds': 'softphone.settings.reconnectMaxSeconds',
  'sip.afterCallWorkSeconds': 'softphone.settings.afterCallWorkSeconds',
  'audio.microphoneId': 'settings.field.microphone',
  'audio.speakerId': 'settings.field.speaker',
  'audio.ringerId': 'settings.field.ringer',
  'ui.language': 'settings.field.language',
  'ui.theme': 'settings.field.theme',
};

/**
 * "SIP address: this is not a valid SIP address (e.g. sip:…)": the field is named in the message
 * itself, so it is clear also when read out of context (a screen reader, a summary).
 */
export function fieldMessage(t: TFunction, field: string, code: string): string {
  const labelKey = FIELD_LABEL_KEYS[field];
  const label = labelKey ? t(labelKey) : field;
  const message = t(`settingsError.${code}`, { defaultValue: t('settingsError.generic', { code }) });
  return t('settingsError.withField', { field: label, message });
}
