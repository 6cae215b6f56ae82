import { z } from 'zod';

export const StoreFailureReason = z.enum(['newer_version', 'cannot_open', 'disk_full', 'corrupt']);
export type StoreFailureReason = z.infer<typeof StoreFailureReason>;

export const StoreStatus = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    path: z.string(),
    schemaVersion: z.number().int(),
    /** Set when a corrupt file was moved aside at this start and a new one created. */
    recoveredFrom: z.object({ movedTo: z.string(), reason: z.string() }).optional(),
  }),
  z.object({
    state: z.literal('failed'),
    path: z.string(),
    reason: StoreFailureReason,
    detail: z.string(),
    /** For newer_version: the file's schema version and the highest this app knows. */
    fileVersion: z.number().int().optional(),
    supportedVersion: z.number().int().optional(),
  }),
]);
export type StoreStatus = z.infer<typeof StoreStatus>;

export const BackendReachability = z.enum(['not_configured', 'checking', 'reachable', 'unreachable']);
export type BackendReachability = z.infer<typeof BackendReachability>;

export const AgentState = z.enum(['logged_out', 'available', 'not_available', 'after_call_work', 'on_call']);
export type AgentState = z.infer<typeof AgentState>;
export const NotAvailableReason = z.enum(['break', 'training', 'back_office', 'other']);
export type NotAvailableReason = z.infer<typeof NotAvailableReason>;

export const AgentStatus = z.object({
  state: AgentState,
  reason: NotAvailableReason.nullable(),
  /** Milliseconds since the epoch, taken by the core. */
  since: z.number().int(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

export const DeskStatus = z.object({
  backend: BackendReachability,
  backendCheckedAt: z.number().int().nullable(),
  unsentCount: z.number().int().nonnegative(),
  agent: AgentStatus,
  activeCalls: z.number().int().nonnegative(),
});
export type DeskStatus = z.infer<typeof DeskStatus>;
