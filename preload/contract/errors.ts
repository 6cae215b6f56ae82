import { z } from 'zod';

export const FieldIssue = z.object({
  /** Dotted path of the field, e.g. "sip.uri". */
  field: z.string(),
  /** A stable code the renderer translates, e.g. "sip_uri_invalid". */
  code: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const BridgeErrorCode = z.enum([
  'invalid_message', // not a request envelope at all
  'unknown_method',
  'invalid_params',
  'invalid_settings',
  'store_unavailable', // the database could not be opened; only core.hello answers
  'not_found',
  'auth_failed', // wrong user name or password (the backend does not say which)
  'rate_limited', // too many failed sign-ins; try again later
  'backend_unreachable',
  'backend_not_configured',
  'chat_offline', // the chat live channel is not connected: try again when it is
  'chat_refused', // the backend refused a chat command (offer gone, not yours, closed...)
  'chat_unsent', // the conversation still has messages in the outbox
  'forbidden', // the signed-in user's role may not do this (e.g. review proposals)
  'conflict', // someone else got there first (e.g. a proposal already reviewed)
  'signed_out', // the backend needs a sign-in first (e.g. booking a visit)
  'internal',
]);
export type BridgeErrorCode = z.infer<typeof BridgeErrorCode>;

export const BridgeError = z.object({
  code: BridgeErrorCode,
  /** English text for logs; the UI shows a translation of `code` and `issues`. */
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
});
export type BridgeError = z.infer<typeof BridgeError>;

/** Turns zod issues into field issues: path joined with dots, message used as the code. */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    code: issue.code === 'custom' || /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code,
  }));
}
