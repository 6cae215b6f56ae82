import { z } from 'zod';

export const DeskUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  /** The user's team (whose tickets the "team" list shows); absent in sessions saved before teams. */
  team: z.string().nullable().optional(),
});
export type DeskUser = z.infer<typeof DeskUser>;

/**
 * Who is signed in on this desk. A session stays usable offline until it expires, so work saved
 * during an outage is queued under the consultant's identity and sent when the backend returns.
 */
export const AuthStatus = z.object({
  state: z.enum(['signed_out', 'signed_in', 'expired']),
  user: DeskUser.nullable(),
  /** ISO 8601; null when signed out. */
  expiresAt: z.string().nullable(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const SyncState = z.enum([
  'not_configured', // no backend address
  'signed_out', // the backend needs a sign-in before anything is sent
  'idle', // nothing to send, backend reachable
  'sending',
  'waiting', // a failure: retrying later (backoff)
  'offline', // the backend cannot be reached
]);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  unsentCount: z.number().int().nonnegative(),
  /** Items the backend refused for good: they wait for a person (fix and resend, or discard). */
  needsReviewCount: z.number().int().nonnegative(),
  /** Milliseconds since the epoch when the oldest unsent item was saved; null when none. */
  oldestUnsentAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When the next attempt is due while waiting (ms since the epoch). */
  nextAttemptAt: z.number().int().nullable(),
  lastSentAt: z.number().int().nullable(),
  lastPulledAt: z.number().int().nullable(),
  /** Set during a pull: how many changes were applied so far in this pull. */
  pull: z.object({ applied: z.number().int(), running: z.boolean() }),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ParkedItem = z.object({
  mutationId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  /** The payload as stored: JSON text, shown to the reviewer and editable. */
  payload: z.string(),
  reason: z.string(),
  createdAt: z.number().int(),
  attempts: z.number().int(),
});
export type ParkedItem = z.infer<typeof ParkedItem>;

export const LoginParams = z
  .object({
    username: z.string().trim().min(1, 'required').max(100, 'too_long'),
    password: z.string().min(1, 'required').max(200, 'too_long'),
  })
  .strict();
export type LoginParams = z.infer<typeof LoginParams>;
