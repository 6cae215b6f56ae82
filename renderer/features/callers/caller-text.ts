import type { TFunction } from 'i18next';
import { isBridgeRequestError } from '../../bridge';

/** A failed request in the consultant's language: the field issue's code when there is one. */
export function callerErrorText(t: TFunction, error: unknown): string {
  if (isBridgeRequestError(error)) {
    const code = error.issues[0]?.code ?? error.code;
    const key = `callers.error.${code}`;
    const text = t(key);
    if (text !== key) return text;
  }
  return t('callers.error.generic');
}

export function formatTime(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
}
