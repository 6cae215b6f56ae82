import type { TFunction } from 'i18next';
import { CHAT_TEXT_MAX } from '../../../preload/contract';
import { isBridgeRequestError } from '../../bridge';

const KNOWN = ['chat_offline', 'chat_unsent', 'not_found', 'disconnected', 'timeout', 'backend_unreachable'] as const;
const REFUSALS = ['offer_gone', 'not_yours', 'closed', 'unknown_agent', 'too_many_tickets', 'not_found'] as const;

/** A failed chat request in the consultant's language: never the core's English. */
export function chatErrorText(t: TFunction, error: unknown): string {
  if (!isBridgeRequestError(error)) return t('chats.errors.internal');
  if (error.code === 'invalid_params') {
    for (const code of ['attachment_type', 'attachment_too_large', 'phone_invalid', 'email_invalid'] as const) {
      if (error.issues.some((issue) => issue.code === code)) return t(`chats.errors.${code}`, { size: '' });
    }
    if (error.issues.some((issue) => issue.code === 'too_long')) return t('chats.errors.too_long', { max: CHAT_TEXT_MAX, length: '' });
    if (error.issues.some((issue) => issue.code === 'required')) return t('chats.errors.empty');
  }
  if (error.code === 'chat_refused') {
    const code = error.issues[0]?.code;
    return (REFUSALS as readonly string[]).includes(code ?? '') ? t(`chats.errors.refused.${code}`) : t('chats.errors.refused.other');
  }
  return (KNOWN as readonly string[]).includes(error.code) ? t(`chats.errors.${error.code}`) : t('chats.errors.internal');
}
