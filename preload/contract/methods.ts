import { z } from 'zod';
import { Settings, SettingsPatch } from './settings';
import { AgentState, AgentStatus, DeskStatus, NotAvailableReason, StoreStatus } from './status';
import { KbArticleView, KbFacets, KbProposalView, KbProposeParams, KbRecordUseParams, KbReviewParams, KbSearchParams, KbSearchResult, KbUseCounts } from './kb';
import { AuthStatus, LoginParams, ParkedItem, SyncStatus } from './sync';
import { callMethods } from './calls';
import { chatMethods } from './chats';
import { contactMethods } from './contacts';
import { softphoneMethods } from './softphone';
import { ticketMethods } from './tickets';

const Empty = z.object({}).strict();

export const ClientKind = z.enum(['renderer', 'shell', 'test', 'bench']);
export type ClientKind = z.infer<typeof ClientKind>;

export const PowerEvent = z.enum(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
export type PowerEvent = z.infer<typeof PowerEvent>;

/** tel: and sip: links handed to the desk by the operating system (click-to-call). */
export const CallLink = z
  .string()
  .max(512)
  .regex(/^(tel:[+0-9()\-. ]{1,40}|sips?:[^\s<>"]{1,400})$/i, 'link_invalid');

/**
 * Every request the core answers: its params and its result. Both sides import this table; the
 * core validates params with it, and the renderer's client is typed from it.
 */
export const methods = {
  'core.hello': {
    params: z.object({ client: ClientKind }).strict(),
    result: z.object({
      appVersion: z.string(),
      dataDir: z.string(),
      store: StoreStatus,
      startedAt: z.number().int(),
      readyInMs: z.number(),
    }),
  },
  'core.ping': { params: Empty, result: z.object({ at: z.number() }) },
  'settings.get': { params: Empty, result: Settings },
  'settings.update': { params: SettingsPatch, result: Settings },
  'status.get': { params: Empty, result: DeskStatus },
  'agent.setState': {
    params: z
      .object({ state: AgentState, reason: NotAvailableReason.nullable().default(null) })
      .strict()
      .refine((p) => (p.state === 'not_available') === (p.reason !== null), {
        message: 'reason_required_only_when_not_available',
        path: ['reason'],
      }),
    result: AgentStatus,
  },
  /** The softphone reports how many calls it holds, so the shell can ask before quitting. */
  'desk.reportActivity': { params: z.object({ activeCalls: z.number().int().min(0).max(16) }).strict(), result: DeskStatus },
  'desk.quitCheck': {
    params: Empty,
    result: z.object({ activeCalls: z.number().int(), unsentCount: z.number().int(), mustConfirm: z.boolean() }),
  },
  /** From the shell: power and session events the softphone reacts to (re-register). */
  'system.power': { params: z.object({ event: PowerEvent }).strict(), result: Empty },
  /** From the shell: a tel:/sip: link the OS opened with this app. */
  'desk.openLink': { params: z.object({ uri: CallLink }).strict(), result: Empty },

  'auth.status': { params: Empty, result: AuthStatus },
  /** Signs in at the configured backend; errors: auth_failed, rate_limited, backend_unreachable, backend_not_configured. */
  'auth.login': { params: LoginParams, result: AuthStatus },
  'auth.logout': { params: Empty, result: AuthStatus },

  'sync.status': { params: Empty, result: SyncStatus },
  /** Tries now, forgetting any backoff. */
  'sync.sendNow': { params: Empty, result: SyncStatus },
  'outbox.parked': { params: Empty, result: z.array(ParkedItem) },
  /** Back into the queue; with `payload` (JSON text of an object) the fixed version is sent. */
  'outbox.resend': {
    params: z.object({ mutationId: z.string().min(1).max(64), payload: z.string().max(1_000_000).optional() }).strict(),
    result: SyncStatus,
  },
  /** Drops a parked item for good: only with `confirm: true`, and written to the audit log. */
  'outbox.discard': { params: z.object({ mutationId: z.string().min(1).max(64), confirm: z.literal(true) }).strict(), result: SyncStatus },

  'kb.search': { params: KbSearchParams, result: KbSearchResult },
  'kb.article': { params: z.object({ id: z.string().min(1).max(100) }).strict(), result: KbArticleView },
  /** Units and categories to filter by, and how many articles the desk holds. */
  'kb.facets': { params: Empty, result: KbFacets },
  /** This article answered the contact in hand, or did not help; queued for the backend. Errors: not_found. */
  'kb.recordUse': { params: KbRecordUseParams, result: KbUseCounts },
  /** A new card or a correction, for the editors; queued for the backend. Errors: not_found (no such card). */
  'kb.propose': { params: KbProposeParams, result: KbProposalView },
  /** Proposals the desk knows of, newest first: the pending ones for editors, or all. */
  'kb.proposals': { params: z.object({ status: z.enum(['pending', 'all']).default('pending') }).strict(), result: z.array(KbProposalView) },
  /** An editor publishes (optionally amended) or rejects (with a reason). Errors: forbidden, not_found, conflict. */
  'kb.reviewProposal': { params: KbReviewParams, result: KbProposalView },

  // Each capability declares its own methods in its own contract file.
  ...softphoneMethods,
  ...callMethods,
  ...contactMethods,
  ...ticketMethods,
  ...chatMethods,
} as const;

export type MethodName = keyof typeof methods;
export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type MethodParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
